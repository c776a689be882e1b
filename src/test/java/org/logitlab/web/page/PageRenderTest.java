package org.logitlab.web.page;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageRenderTest extends ServerTest {

    @Test
    void the_full_page_has_every_data_testid_hook_the_browser_tests_use() {
        Lab lab = server.open("");
        for (String id : List.of("step", "back", "play", "reset", "step-count", "train-loss", "plot", "loss-chart",
                "gradient-table", "permalink", "language")) {
            assertNotNull(lab.doc().selectFirst("[data-testid=" + id + "]"), "missing data-testid=" + id);
        }
        Element main = lab.doc().selectFirst("main#lab");
        assertNotNull(main);
        assertEquals(lab.id(), main.attr("data-run"));
    }

    @Test
    void a_page_without_parameters_shows_a_fresh_run_at_step_zero() {
        Lab lab = server.open("");
        assertEquals("0", lab.doc().selectFirst("[data-testid=step-count]").text());
        assertEquals(0, server.api("/api/runs/" + lab.id()).get("step").asLong());
    }

    @Test
    void train_loss_is_the_api_loss_exactly_and_shown_to_six_significant_digits() {
        for (String query : List.of("", "dataset=blobs&classes=3&step=7", "dataset=moons&features=x1,x2,x1%5E2&step=13")) {
            Lab lab = server.open(query);
            Element loss = lab.doc().selectFirst("[data-testid=train-loss]");
            double api = server.api("/api/runs/" + lab.id()).get("loss").get("train").asDouble();
            assertEquals(api, Double.parseDouble(loss.attr("data-value")), 0.0, query);
            BigDecimal shown = new BigDecimal(loss.text().replace('−', '-'));
            BigDecimal expected = new BigDecimal(api).round(new MathContext(6));
            assertEquals(0, expected.compareTo(shown), () -> query + ": shown " + loss.text() + " for " + api);
        }
    }

    @Test
    void the_permalink_rebuilds_a_new_run_with_bit_identical_weights() {
        Lab lab = server.open("dataset=blobs&classes=3&step=5&learningRate=0.3&l2=0.01&init=random&seed=7");
        String href = lab.doc().selectFirst("[data-testid=permalink]").attr("href");
        assertTrue(href.startsWith("/?") && href.contains("step=5"), href);

        Lab again = server.open(href.substring(2));
        assertNotEquals(lab.id(), again.id(), "the permalink should start a new run");
        JsonNode first = server.api("/api/runs/" + lab.id());
        JsonNode second = server.api("/api/runs/" + again.id());
        assertEquals(5, second.get("step").asLong());
        assertEquals(first.get("weights"), second.get("weights"));
        assertEquals(first.get("biases"), second.get("biases"));
        assertFalse(first.get("weights").get(0).get(0).asDouble() == 0.0, "weights should have moved from zero");
    }

    @Test
    void an_htmx_request_for_a_new_permalink_answers_only_the_lab_and_pushes_its_url() {
        Response r = server.htmxGet("/?dataset=moons&classes=2&step=3");
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertNotNull(doc.selectFirst("main#lab"));
        assertTrue(doc.select("header, footer").isEmpty(), "only the #lab fragment, not the whole page");
        assertFalse(r.body().contains("<html"), "no page around the fragment");
        String pushed = r.headers().firstValue("HX-Push-Url").orElseThrow();
        assertEquals(pushed, "/?" + Lab.of(doc).state());
        assertTrue(pushed.contains("dataset=moons") && pushed.contains("step=3"), pushed);
    }

    @Test
    void a_bad_permalink_value_is_left_out_and_every_other_setting_of_the_link_kept_with_a_400_naming_it() {
        Response r = server.get("/?dataset=spiral&classes=3&learningRate=0.5&noise=7&step=999999&inspect=zz");
        assertEquals(400, r.status());
        Document doc = Jsoup.parse(r.body());
        assertNotNull(doc.selectFirst("[data-testid=step]"), "the page is still usable");
        Element message = doc.getElementById("message");
        assertEquals("noise", message.attr("data-field"), "the first value refused is the one said");
        assertTrue(message.text().contains("Noise:"), message.text());
        String state = Lab.of(doc).state();
        assertTrue(state.contains("dataset=spiral") && state.contains("classes=3") && state.contains("learningRate=0.5"),
                "the rest of the link is kept: " + state);
        assertTrue(state.contains("noise=0.1") && state.endsWith("step=0"), "the refused values left out: " + state);
        assertNotNull(doc.selectFirst("main#lab").attr("data-run"));

        Response landscape = server.get("/?dataset=moons&step=4&landscape=9,9");
        assertEquals(400, landscape.status());
        Document page = Jsoup.parse(landscape.body());
        assertEquals("landscape", page.getElementById("message").attr("data-field"));
        assertEquals("4", page.selectFirst("[data-testid=step-count]").text(), "the run the link asks for");
    }
}
