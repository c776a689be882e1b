package org.logitlab.web.page;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TuneTest extends ServerTest {
    /** The permalink the answer links to: what the address bar shows once the page has applied it. */
    private static String replaceUrl(Response r) {
        Element link = Jsoup.parse(r.body()).getElementById("permalink");
        assertNotNull(link, () -> "no permalink in " + r.body());
        return link.attr("href");
    }

    /** A page opened at {@code query}, the answer to tuning it with these fields, and its run before and after. */
    private record Tuned(Lab lab, JsonNode before, Response r, JsonNode after) {
        /** The tune answered 200 and left the weights and biases as they were. */
        void assertAcceptedKeepingTheParameters() {
            assertEquals(200, r.status(), r::body);
            assertEquals(before.get("weights"), after.get("weights"));
            assertEquals(before.get("biases"), after.get("biases"));
        }
    }

    private static Tuned tune(String query, String... fields) {
        Lab lab = server.open(query);
        JsonNode before = server.api("/api/runs/" + lab.id());
        Response r = server.htmxPost("/lab/tune", lab.form(fields));
        return new Tuned(lab, before, r, server.api("/api/runs/" + lab.id()));
    }

    @Test
    void tuning_at_step_zero_keeps_the_weights_and_rewrites_the_learning_rate_of_the_permalink() {
        Tuned t = tune("dataset=blobs&classes=3&init=random&seed=3", "learningRate", "1");
        t.assertAcceptedKeepingTheParameters();
        assertEquals(1.0, t.after().get("learningRate").asDouble(), 0.0);
        String url = replaceUrl(t.r());
        assertTrue(url.contains("learningRate=1.0"), url);
        assertFalse(url.contains("schedule="), url);
    }

    @Test
    void tuning_after_stepping_keeps_the_weights_and_records_the_change_in_the_schedule() {
        Tuned t = tune("dataset=blobs&classes=2&step=5", "learningRate", "1");
        t.assertAcceptedKeepingTheParameters();
        assertEquals(5, t.after().get("step").asLong());
        String url = replaceUrl(t.r());
        assertTrue(url.contains("learningRate=0.1"), "the first learning rate stays: " + url);
        assertTrue(url.contains("schedule=5:1.0:0.0"), url);

        // The permalink with its schedule replays the same run: step on both and compare.
        Document doc = Jsoup.parse(t.r().body());
        Lab tuned = new Lab(t.lab().id(), doc.selectFirst("#runref input[name=state]").val(), doc);
        server.htmxPost("/lab/step", tuned.form("count", "3"));
        Lab replay = server.open(url.substring(2).replace("step=5", "step=8"));
        assertEquals(server.api("/api/runs/" + t.lab().id()).get("weights"),
                server.api("/api/runs/" + replay.id()).get("weights"));
    }

    @Test
    void tuning_l2_changes_the_objective_but_not_the_weights() {
        Tuned t = tune("dataset=moons&classes=2&step=10", "l2", "0.5");
        t.assertAcceptedKeepingTheParameters();
        assertEquals(0.5, t.after().get("l2").asDouble(), 0.0);
        assertTrue(t.after().at("/loss/objective").asDouble() > t.before().at("/loss/objective").asDouble());
    }

    @ParameterizedTest(name = "learningRate={0}")
    @ValueSource(strings = {"-1", "abc", "1e999", "0", "NaN", ""})
    void a_bad_learning_rate_is_refused_naming_the_field_and_leaves_the_run_unchanged(String value) {
        Tuned t = tune("dataset=blobs&classes=2&step=3", "learningRate", value);
        Response r = t.r();
        assertEquals(400, r.status(), r::body);
        assertEquals("none", r.headers().firstValue("HX-Reswap").orElse(""));
        Element message = Jsoup.parse(r.body()).getElementById("message");
        assertNotNull(message, r.body());
        assertEquals("learningRate", message.attr("data-field"));
        assertTrue(message.text().contains("Learning rate η:"), message.text());
        assertEquals("learningRate", message.attr("data-field"));
        assertEquals(t.before(), t.after());
    }
}
