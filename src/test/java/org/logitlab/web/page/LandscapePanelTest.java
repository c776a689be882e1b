package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

/**
 * The loss landscape's panel on the page: opened, its axes chosen, kept through steps and the timeline, in the
 * permalink and the language links, drawn only while open, and the same J as the API's.
 */
class LandscapePanelTest extends ServerTest {
    private static final String SOFTMAX = "dataset=blobs&classes=3&features=x1,x2&l2=0.02&step=6";

    private static Document panel(Response r) {
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertNotNull(doc.getElementById("landscape"), r.body());
        return doc;
    }

    private static String axis(Document doc, String testId) {
        return doc.selectFirst("[data-testid=" + testId + "] option[selected]").attr("value");
    }

    private static double objective(Document doc) {
        return Double.parseDouble(doc.selectFirst("[data-testid=landscape-objective]").text().replace('−', '-'));
    }

    @Test
    void opening_it_draws_the_two_parameters_that_moved_most_at_the_runs_own_objective() {
        Lab lab = server.open(SOFTMAX);
        Document doc = panel(server.htmxGet("/lab/landscape?" + lab.runQuery() + "&landscape=auto"));
        Element form = doc.getElementById("landscape");
        assertTrue(form.hasClass("open"));
        assertEquals(axis(doc, "landscape-a") + ";" + axis(doc, "landscape-b"), doc.getElementById("landscape-token").val(),
                "the pair opened stays while the run goes on");

        JsonNode api = server.api("/api/runs/" + lab.id() + "/landscape");
        assertEquals(api.get("a").get("k").asText() + "," + api.get("a").get("i").asText(), axis(doc, "landscape-a"));
        assertEquals(api.get("b").get("k").asText() + "," + api.get("b").get("i").asText(), axis(doc, "landscape-b"));
        double j = server.run(lab.id()).get("loss").get("objective").asDouble();
        assertEquals(j, objective(doc), 1e-5 * j, "the panel's J is the run's J where the run is");
        assertFalse(doc.selectFirst("[data-testid=landscape-path]").attr("d").isEmpty(), "the path is drawn");
        assertTrue(doc.selectFirst("image").attr("href").startsWith("data:image/png;base64,"));
        assertTrue(doc.selectFirst("[data-testid=landscape-explain]").text().contains("5.45"),
                "the sentence names the equation of the softmax loss");
    }

    @Test
    void the_axis_menus_choose_the_pair_and_the_field_keeps_it() {
        Lab lab = server.open(SOFTMAX);
        Document doc = panel(server.htmxGet("/lab/landscape?" + lab.runQuery() + "&la=2,2&lb=0,1"));
        assertEquals("2,2", axis(doc, "landscape-a"));
        assertEquals("0,1", axis(doc, "landscape-b"));
        assertEquals("2,2;0,1", doc.getElementById("landscape-token").val());
        JsonNode api = server.api("/api/runs/" + lab.id() + "/landscape?a=2,2&b=0,1");
        assertEquals(api.get("a").get("values").get(0).asDouble(), Double.parseDouble(
                doc.selectFirst(".tick.a-low").text().replace('−', '-')), 1e-2 + 1e-2 * Math.abs(
                api.get("a").get("values").get(0).asDouble()), "the axis starts where the API's grid does");
        Document one = panel(server.htmxGet("/lab/landscape?" + lab.runQuery() + "&landscape=1,0"));
        assertEquals("1,0", axis(one, "landscape-a"), "one chosen parameter goes across");
        assertEquals("1,0;" + axis(one, "landscape-b"), one.getElementById("landscape-token").val(),
                "the other axis is the default, and stays");
    }

    @Test
    void a_step_redraws_the_open_landscape_and_leaves_a_closed_one_out() {
        Lab lab = server.open(SOFTMAX);
        Response open = server.htmxPost("/lab/step", lab.form("landscape", "0,0;1,1"));
        Document doc = panel(open);
        assertEquals("morph", doc.getElementById("landscape").attr("hx-swap-oob"), "swapped out of band");
        assertEquals("7", doc.selectFirst("[data-testid=step-count]").text());
        double j = server.run(lab.id()).get("loss").get("objective").asDouble();
        assertEquals(j, objective(doc), 1e-5 * j, "the landscape is redrawn at the new step");

        Response closed = server.htmxPost("/lab/step", lab.form());
        assertEquals(200, closed.status());
        assertNull(Jsoup.parse(closed.body()).getElementById("landscape"), "a closed landscape is not drawn");

        Response back = server.htmxPost("/lab/seek", lab.form("to", "2", "landscape", "0,0;1,1"));
        Document atTwo = panel(back);
        JsonNode two = server.createRun("{\"dataset\":{\"name\":\"blobs\"},\"classes\":3,\"features\":[\"x1\",\"x2\"],"
                + "\"l2\":0.02,\"step\":2}");
        double j2 = two.get("loss").get("objective").asDouble();
        assertEquals(j2, objective(atTwo), 1e-5 * j2, "the timeline moves the landscape too");
    }

    @Test
    void the_permalink_and_the_language_links_keep_it_open_on_the_same_pair() {
        Lab lab = server.open(SOFTMAX + "&landscape=" + TestServer.query("x", "2,1;1,2").substring(2));
        Document page = lab.doc();
        assertTrue(page.getElementById("landscape").hasClass("open"));
        assertEquals("2,1", axis(page, "landscape-a"));
        assertEquals("1,2", axis(page, "landscape-b"));
        String chinese = page.selectFirst("#languages a[hreflang=zh-CN]").attr("href");
        assertTrue(chinese.contains("landscape=2%2C1%3B1%2C2"), chinese);
        Document zh = Jsoup.parse(server.get(chinese).body());
        assertTrue(zh.selectFirst("[data-testid=landscape-explain]").text().contains("公式 5.45"));
        assertEquals("2,1", axis(zh, "landscape-a"));
    }

    @Test
    void closing_it_empties_the_field_and_shows_the_button_again() {
        Lab lab = server.open(SOFTMAX + "&landscape=auto");
        Document doc = panel(server.htmxGet("/lab/landscape?" + lab.runQuery() + "&landscape=off"));
        assertFalse(doc.getElementById("landscape").hasClass("open"));
        assertEquals("", doc.getElementById("landscape-token").val());
        assertNotNull(doc.getElementById("open-landscape"));
    }

    @Test
    void a_parameter_the_model_does_not_have_is_refused_naming_the_field() {
        Lab lab = server.open(SOFTMAX);
        Response r = server.htmxGet("/lab/landscape?" + lab.runQuery() + "&landscape=5,0");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("landscape"), r.body());
        Response page = server.get("/?" + SOFTMAX + "&landscape=0,9");
        assertEquals(400, page.status());
        assertTrue(page.body().contains("landscape"), page.body());
        Response same = server.htmxGet("/lab/landscape?" + lab.runQuery() + "&landscape=" + TestServer.query("x",
                "0,0;0,0").substring(2));
        assertEquals(200, same.status(), "the same parameter twice is one chosen parameter");
    }

    @Test
    void new_controls_without_the_chosen_parameter_fall_back_to_the_default_pair() {
        Lab lab = server.open(SOFTMAX);
        Map<String, String> form = lab.form("landscape", "2,2;0,1");
        form.put("classes", "2");
        form.put("dataset", "blobs");
        form.put("features", "x1,x2");
        Response r = server.htmxGet("/?" + TestServer.encode(form));
        Document doc = panel(r);
        assertTrue(doc.getElementById("landscape").hasClass("open"), "the landscape stays open");
        assertEquals(axis(doc, "landscape-a") + ";" + axis(doc, "landscape-b"),
                doc.getElementById("landscape-token").val(), "the two that moved most in the new run");
        assertTrue(axis(doc, "landscape-a").startsWith("0,"), "a sigmoid run has one weight vector");
    }
}
