package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

/**
 * Two runs side by side ({@code /compare}): each panel shows its own run's numbers, one set of controls moves both
 * step for step, run b's settings change in one place, and what differs is said; the comparison's permalink
 * rebuilds both runs after a restart, in either language.
 */
class CompareTest extends ServerTest {
    private static final String A = "dataset=blobs&classes=3&n=120&learningRate=0.1&step=3";
    private static final String B = "dataset=blobs&classes=3&n=120&learningRate=0.5&step=3";
    /** A run that diverges within a few steps. */
    private static final String DIVERGES = "dataset=xor&n=100&features=x1,x2,x1%5E2,x2%5E2,x1*x2&learningRate=100"
            + "&l2=10";

    /** The page's two runs: its ids and permalink queries. */
    private record Pair(String runA, String a, String runB, String b, Document doc) {
        static Pair of(Document doc) {
            Element ref = doc.getElementById("runref");
            assertNotNull(ref, doc::outerHtml);
            return new Pair(ref.selectFirst("[name=runA]").val(), ref.selectFirst("[name=a]").val(),
                    ref.selectFirst("[name=runB]").val(), ref.selectFirst("[name=b]").val(), doc);
        }

        Map<String, String> form(String... pairs) {
            Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("runA", runA, "a", a, "runB", runB,
                    "b", b));
            for (int j = 0; j < pairs.length; j += 2) {
                form.put(pairs[j], pairs[j + 1]);
            }
            return form;
        }
    }

    private static String compare(String a, String b) {
        return "/compare?" + TestServer.query("a", a) + "&" + TestServer.query("b", b);
    }

    private static Pair open(String path) {
        Response r = server.get(path);
        assertEquals(200, r.status(), r::body);
        return Pair.of(Jsoup.parse(r.body()));
    }

    private static double shown(Document doc, String side, String testId) {
        return Double.parseDouble(doc.selectFirst("[data-testid=run-" + side + "] [data-testid=" + testId + "]")
                .attr("data-value"));
    }

    private static void assertShowsItsRun(Document doc, String side, String runId) {
        JsonNode run = server.run(runId);
        assertEquals(run.get("loss").get("train").asDouble(), shown(doc, side, "train-loss"), 0.0, side);
        assertEquals(run.get("gradientNorm").asDouble(), shown(doc, side, "gradient-norm"), 0.0, side);
        assertEquals(run.get("step").asText(), doc.selectFirst("[data-testid=run-" + side
                + "] [data-testid=step-count]").text(), side);
    }

    @Test
    void each_panel_shows_its_own_run_and_what_differs_is_said() {
        Pair p = open(compare(A, B));
        assertShowsItsRun(p.doc(), "a", p.runA());
        assertShowsItsRun(p.doc(), "b", p.runB());
        assertEquals(0.1, server.run(p.runA()).get("learningRate").asDouble());
        assertEquals(0.5, server.run(p.runB()).get("learningRate").asDouble());
        List<Element> rows = p.doc().select("[data-testid=diff] tr[data-setting]");
        assertEquals(1, rows.size(), "only the learning rate differs");
        assertEquals("learningRate", rows.get(0).attr("data-setting"));
        assertNotNull(p.doc().selectFirst("[data-testid=run-a] #a-plot-points"));
        assertNotNull(p.doc().selectFirst("[data-testid=run-b] #b-plot-points"));
        assertNotNull(p.doc().selectFirst("[data-testid=loss-chart]"));
    }

    @Test
    void one_step_moves_both_runs_and_answers_with_both_panels() {
        Pair p = open(compare(A, B));
        Response r = server.htmxPost("/compare/step", p.form("count", "5"));
        assertEquals(200, r.status(), r::body);
        Document answer = Jsoup.parse(r.body());
        assertEquals(8, server.run(p.runA()).get("step").asInt());
        assertEquals(8, server.run(p.runB()).get("step").asInt());
        for (String id : List.of("a-plot-under", "a-plot-over", "numbers-a", "b-plot-under", "b-plot-over",
                "numbers-b", "transport", "runref", "chart-feed")) {
            assertEquals("morph", answer.getElementById(id).attr("hx-swap-oob"), id);
        }
        assertEquals("8", answer.selectFirst("#transport [data-testid=step-count]").text());
        JsonNode rows = TestServer.json(answer.getElementById("chart-feed").attr("data-rows"));
        assertEquals(5, rows.size(), "the steps 4 to 8");
        JsonNode last = rows.get(4);
        assertEquals(8, last.get(0).asInt());
        assertEquals(server.run(p.runA()).get("loss").get("train").asDouble(), last.get(1).asDouble(), 0.0);
        assertEquals(server.run(p.runB()).get("loss").get("train").asDouble(), last.get(2).asDouble(), 0.0);
    }

    @Test
    void back_the_timeline_and_reset_move_both_runs() {
        Pair p = open(compare(A, B));
        assertEquals(200, server.htmxPost("/compare/back", p.form()).status());
        assertEquals(2, server.run(p.runA()).get("step").asInt());
        assertEquals(2, server.run(p.runB()).get("step").asInt());
        assertEquals(200, server.htmxPost("/compare/seek", p.form("to", "9")).status());
        assertEquals(9, server.run(p.runA()).get("step").asInt());
        assertEquals(9, server.run(p.runB()).get("step").asInt());
        assertEquals(200, server.htmxPost("/compare/reset", p.form()).status());
        assertEquals(0, server.run(p.runA()).get("step").asInt());
        assertEquals(0, server.run(p.runB()).get("step").asInt());
    }

    @Test
    void a_run_that_diverges_stays_where_it_stopped_while_the_other_goes_on() {
        String fine = DIVERGES.replace("learningRate=100", "learningRate=0.1").replace("l2=10", "l2=0");
        Pair p = open(compare(fine, DIVERGES));
        Response r = server.htmxPost("/compare/step", p.form("count", "100"));
        assertEquals(200, r.status(), r::body);
        assertEquals(100, server.run(p.runA()).get("step").asInt());
        JsonNode b = server.run(p.runB());
        assertEquals("diverged", b.get("status").asText());
        assertTrue(b.get("step").asInt() < 100);
        Response again = server.htmxPost("/compare/step", Pair.of(pageOf(p, r)).form("count", "1"));
        assertEquals(200, again.status(), again::body);
        assertEquals(101, server.run(p.runA()).get("step").asInt(), "a diverged run b does not stop run a");
        assertTrue(Jsoup.parse(again.body()).selectFirst("#numbers-b .status.bad") != null, "b says it diverged");
    }

    /** The page after an answer: the old page with the answer's run references. */
    private static Document pageOf(Pair p, Response answer) {
        Document doc = p.doc().clone();
        doc.getElementById("runref").replaceWith(Jsoup.parse(answer.body()).getElementById("runref"));
        return doc;
    }

    @Test
    void changing_a_setting_of_run_b_starts_it_again_at_run_as_step() {
        Pair p = open(compare(A, A));
        assertTrue(p.doc().select("[data-testid=diff] tr[data-setting]").isEmpty());
        Response r = server.htmxGet("/compare?" + TestServer.query("a", p.a()) + "&" + TestServer.query("b", p.b())
                + "&learningRate=2&optimizer=sgd&features=&features=x1&features=x2&features=x1%5E2");
        assertEquals(200, r.status(), r::body);
        assertNotNull(r.header("HX-Push-Url"));
        Pair changed = Pair.of(Jsoup.parse(r.body()));
        JsonNode b = server.run(changed.runB());
        assertEquals(3, b.get("step").asInt(), "run b is at run a's step");
        assertEquals(2.0, b.get("learningRate").asDouble());
        assertEquals("[\"x1\",\"x2\",\"x1^2\"]", b.get("features").toString());
        assertTrue(b.get("permalink").asText().contains("optimizer=sgd"), b.get("permalink").asText());
        List<String> differ = changed.doc().select("[data-testid=diff] tr[data-setting]").eachAttr("data-setting");
        assertEquals(List.of("features", "optimizer", "learningRate"), differ);
    }

    @Test
    void a_refused_setting_names_the_side_and_the_field_and_changes_nothing() {
        Response r = server.get("/compare?" + TestServer.query("a", A) + "&" + TestServer.query("b",
                B.replace("learningRate=0.5", "learningRate=-1")));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("b.learningRate"), r.body());
        Response missing = server.get("/compare");
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("a"), missing.body());
    }

    @Test
    void the_permalink_rebuilds_both_runs_after_a_restart_and_in_chinese() {
        Pair p = open(compare(A, B));
        server.htmxPost("/compare/step", p.form("count", "4"));
        Response r = server.htmxPost("/compare/step", p.form("count", "1"));
        String permalink = Jsoup.parse(r.body()).getElementById("permalink").attr("href");
        double lossA = server.run(p.runA()).get("loss").get("train").asDouble();
        double lossB = server.run(p.runB()).get("loss").get("train").asDouble();
        server.restart();
        Response again = server.get(permalink.replace("lang=en", "lang=zh"));
        assertEquals(200, again.status(), again::body);
        Document zh = Jsoup.parse(again.body());
        assertEquals(lossA, shown(zh, "a", "train-loss"), 0.0);
        assertEquals(lossB, shown(zh, "b", "train-loss"), 0.0);
        assertEquals("zh-CN", zh.selectFirst("html").attr("lang"));
        assertTrue(zh.selectFirst("[data-testid=run-a] h2").text().contains("训练 a"));
    }

    @Test
    void play_over_the_stream_moves_both_runs_like_a_step() {
        Pair p = open(compare(A, B));
        String message = org.logitlab.web.input.Json.write(Map.of("runA", p.runA(), "a", p.a(), "runB", p.runB(),
                "b", p.b(), "count", "2"));
        Document answer = Jsoup.parse(server.streamOnce("/compare/stream", message));
        assertEquals("5", answer.selectFirst("#transport [data-testid=step-count]").text());
        assertEquals(5, server.run(p.runA()).get("step").asInt());
        assertEquals(5, server.run(p.runB()).get("step").asInt());
        String refused = server.streamOnce("/compare/stream", "{\"lang\":\"zh\",\"bogus\":1}");
        assertTrue(refused.contains("bogus"), refused);
    }
}
