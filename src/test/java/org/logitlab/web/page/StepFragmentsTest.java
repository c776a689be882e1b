package org.logitlab.web.page;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepFragmentsTest extends ServerTest {
    static final List<String> STEP_FRAGMENTS = List.of("runref", "transport", "plot-under", "plot-over", "metrics",
            "chart-feed", "gradients");

    private static Document fragments(Response r) {
        assertEquals(200, r.status(), r::body);
        return Jsoup.parse(r.body());
    }

    @Test
    void stepping_five_answers_every_step_fragment_as_an_out_of_band_swap() {
        Lab lab = server.open("dataset=blobs&classes=2");
        Document doc = fragments(server.htmxPost("/lab/step", lab.form("count", "5")));
        for (String id : STEP_FRAGMENTS) {
            Element e = doc.getElementById(id);
            assertNotNull(e, "missing fragment #" + id);
            assertEquals("morph", e.attr("hx-swap-oob"), "#" + id + " is not morphed in place out of band");
        }
        assertEquals("5", doc.selectFirst("[data-testid=step-count]").text());
        assertEquals("5", doc.getElementById("transport").attr("data-step"));
        assertNull(doc.getElementById("inspector"), "a closed inspector is left out of the swap");
    }

    @Test
    void with_the_inspector_open_a_step_also_swaps_the_inspector() {
        Lab lab = server.open("dataset=blobs&classes=2");
        Document doc = fragments(server.htmxPost("/lab/step", lab.form("count", "5", "inspect", "x:0")));
        for (String id : STEP_FRAGMENTS) {
            assertNotNull(doc.getElementById(id), "missing fragment #" + id);
        }
        Element inspector = doc.getElementById("inspector");
        assertNotNull(inspector, "the open inspector follows the step");
        assertEquals("morph", inspector.attr("hx-swap-oob"));
        assertNotNull(inspector.selectFirst("[data-testid=example-loss]"));
    }

    @Test
    void a_step_links_the_new_permalink_without_asking_htmx_to_navigate() {
        Lab lab = server.open("dataset=blobs&classes=2");
        Response r = server.htmxPost("/lab/step", lab.form("count", "5"));
        assertTrue(r.headers().firstValue("HX-Replace-Url").isEmpty(), "a navigation per step costs the browser");
        String url = Jsoup.parse(r.body()).getElementById("permalink").attr("href");
        assertTrue(url.startsWith("/?"), url);
        assertTrue(("&" + url.substring(2) + "&").contains("&step=5&"), url);
        assertEquals(url, "/?" + Jsoup.parse(r.body()).selectFirst("#runref input[name=state]").val());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dataset=blobs&classes=2&features=x1,x2|1|3",
        "dataset=blobs&classes=2&features=x1,x2,x1%5E2,x1*x2&l2=0.05|1|5",
        "dataset=blobs&classes=3&features=x1,x2|3|3",
        "dataset=spiral&classes=4&features=x1,x2,sin(x1),sin(x2)&l2=0.01|4|5"})
    void the_gradient_table_has_a_row_per_weight_vector_and_each_cell_holds_the_api_gradient_exactly(
            String query, int rows, int cellsPerRow) {
        Lab lab = server.open(query);
        Document doc = fragments(server.htmxPost("/lab/step", lab.form("count", "5")));
        JsonNode api = server.api("/api/runs/" + lab.id());
        assertEquals(5, api.get("step").asLong());
        JsonNode gw = api.get("gradient").get("weights");
        JsonNode gb = api.get("gradient").get("biases");

        Elements tableRows = doc.select("#gradients [data-testid=gradient-table] tbody tr");
        assertEquals(rows, tableRows.size());
        for (int k = 0; k < rows; k++) {
            Elements cells = tableRows.get(k).select("td[data-weight]");
            assertEquals(cellsPerRow, cells.size(), "row " + k);
            for (int i = 0; i < cellsPerRow; i++) {
                Element cell = cells.get(i);
                assertEquals(k + "," + i, cell.attr("data-weight"));
                double expected = i == cellsPerRow - 1 ? gb.get(k).asDouble() : gw.get(k).get(i).asDouble();
                assertEquals(expected, Double.parseDouble(cell.attr("data-gradient")), 0.0, "cell " + k + "," + i);
            }
        }
        assertEquals(cellsPerRow - 1, doc.select("#gradients thead th[scope=col]").size() - 2,
                "one header per feature, plus the bias and the corner");
    }

    @Test
    void the_metrics_fragment_shows_the_api_train_loss_after_a_step() {
        Lab lab = server.open("dataset=moons&classes=2");
        Document doc = fragments(server.htmxPost("/lab/step", lab.form("count", "5")));
        double api = server.api("/api/runs/" + lab.id()).get("loss").get("train").asDouble();
        Element loss = doc.selectFirst("#metrics [data-testid=train-loss]");
        assertEquals(api, Double.parseDouble(loss.attr("data-value")), 0.0);
    }

    @Test
    void the_chart_feed_carries_exactly_the_new_history_rows_and_keeps_the_ones_before() {
        Lab lab = server.open("dataset=blobs&classes=3");
        Document doc = fragments(server.htmxPost("/lab/step", lab.form("count", "5")));
        Element feed = doc.getElementById("chart-feed");
        assertEquals("1", feed.attr("data-keep"), "the charts keep step 0 and append steps 1 to 5");
        JsonNode rows = TestServer.json(feed.attr("data-rows"));
        assertEquals(5, rows.size(), feed.attr("data-rows"));
        JsonNode history = server.api("/api/runs/" + lab.id() + "/history").get("steps");
        for (int j = 0; j < 5; j++) {
            JsonNode row = rows.get(j);
            assertEquals(j + 1, row.get(0).asLong());
            JsonNode h = history.get(j + 1);
            assertEquals(h.get("loss").get("train").asDouble(), row.get(1).asDouble(), 0.0);
            assertEquals(h.get("loss").get("objective").asDouble(), row.get(3).asDouble(), 0.0);
            assertEquals(h.get("gradientNorm").asDouble(), row.get(6).asDouble(), 0.0);
        }

        Document more = fragments(server.htmxPost("/lab/step", lab.form("count", "2")));
        JsonNode next = TestServer.json(more.getElementById("chart-feed").attr("data-rows"));
        assertEquals(2, next.size());
        assertEquals(6, next.get(0).get(0).asLong());
        assertEquals(7, next.get(1).get(0).asLong());
    }

    @Test
    void stepping_back_moves_back_by_count_and_only_drops_the_chart_points_past_the_new_step() {
        Lab lab = server.open("dataset=blobs&classes=2");
        fragments(server.htmxPost("/lab/step", lab.form("count", "5")));
        Response r = server.htmxPost("/lab/back", lab.form("count", "2"));
        Document doc = fragments(r);
        assertEquals("3", doc.selectFirst("[data-testid=step-count]").text());
        Element feed = doc.getElementById("chart-feed");
        assertEquals("4", feed.attr("data-keep"), "the charts keep steps 0 to 3");
        assertEquals(0, TestServer.json(feed.attr("data-rows")).size(), "the page has those rows already");
        assertTrue(doc.getElementById("permalink").attr("href").contains("step=3"));
        assertEquals(3, server.api("/api/runs/" + lab.id()).get("step").asLong());
    }

    @Test
    void a_plain_form_post_is_redirected_to_the_new_permalink() {
        Lab lab = server.open("dataset=blobs&classes=2");
        Response r = server.postForm("/lab/step", lab.form());
        assertEquals(303, r.status());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/?"), location);
        String query = location.substring(location.indexOf("/?") + 2);
        assertTrue(("&" + query + "&").contains("&step=1&"), location);

        Lab followed = server.open(query);
        JsonNode stepped = server.api("/api/runs/" + lab.id());
        JsonNode rebuilt = server.api("/api/runs/" + followed.id());
        assertEquals(1, rebuilt.get("step").asLong());
        assertEquals(stepped.get("weights"), rebuilt.get("weights"));
    }

    @Test
    void an_unknown_run_id_is_rebuilt_from_the_state_at_the_state_step() {
        Lab original = server.open("dataset=circles&classes=2&features=x1%5E2,x2%5E2&step=4");
        Map<String, String> form = original.form("to", "4");
        form.put("run", "deadbeefdeadbeefdeadbeefdeadbeef");
        Document doc = fragments(server.htmxPost("/lab/seek", form));
        String id = doc.selectFirst("#runref input[name=run]").val();
        assertNotEquals("deadbeefdeadbeefdeadbeefdeadbeef", id);
        assertNotEquals(original.id(), id);
        assertEquals("4", doc.selectFirst("[data-testid=step-count]").text());
        JsonNode rebuilt = server.api("/api/runs/" + id);
        assertEquals(4, rebuilt.get("step").asLong());
        assertEquals(server.api("/api/runs/" + original.id()).get("weights"), rebuilt.get("weights"));
    }

    @Test
    void an_unknown_run_id_is_rebuilt_and_then_stepped() {
        Lab original = server.open("dataset=blobs&classes=3&step=2");
        Map<String, String> form = original.form("count", "1");
        form.put("run", "deadbeefdeadbeefdeadbeefdeadbeef");
        Response r = server.htmxPost("/lab/step", form);
        Document doc = fragments(r);
        String id = doc.selectFirst("#runref input[name=run]").val();
        assertNotEquals("deadbeefdeadbeefdeadbeefdeadbeef", id);
        assertEquals("3", doc.selectFirst("[data-testid=step-count]").text());
        String url = URLDecoder.decode(doc.getElementById("permalink").attr("href"), StandardCharsets.UTF_8);
        assertTrue(url.contains("step=3"), url);
        assertEquals(3, server.api("/api/runs/" + id).get("step").asLong());
    }
}
