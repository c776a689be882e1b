package org.logitlab.web.page;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomPointsTest extends ServerTest {
    static final String START = "dataset=custom&points=1,1,0;-1,-1,1&classes=2";

    /** The value of the {@code points} parameter in a permalink. */
    private static String points(String url) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("points=")) {
                return URLDecoder.decode(pair.substring("points=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no points in " + url);
    }

    private static Lab labFragment(Response r) {
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        Element main = doc.selectFirst("main#lab");
        assertNotNull(main, r.body());
        Lab lab = Lab.of(doc);
        assertEquals(lab.id(), main.attr("data-run"));
        assertEquals(r.headers().firstValue("HX-Replace-Url").orElseThrow(), "/?" + lab.state());
        return lab;
    }

    @Test
    void the_custom_page_opens_with_its_two_points() {
        Lab lab = server.open(START);
        assertEquals(2, lab.doc().select("#plot-points use.pt").size());
        assertEquals("true", lab.doc().getElementById("plot").attr("data-custom"));
    }

    @Test
    void adding_a_point_answers_a_new_lab_with_three_points_and_a_permalink_holding_them() {
        Lab lab = server.open(START);
        Response r = server.htmxPost("/lab/points/add", lab.form("x1", "2", "x2", "2", "label", "1"));
        Lab added = labFragment(r);
        assertNotEquals(lab.id(), added.id(), "new data starts a new run");
        assertEquals(3, added.doc().select("#plot-points use.pt").size());
        String url = r.headers().firstValue("HX-Replace-Url").orElseThrow();
        assertEquals("1,1,0;-1,-1,1;2,2,1", points(url));
        assertTrue(url.contains("step=0"), url);
        JsonNode data = server.api("/api/runs/" + added.id() + "/dataset").get("points");
        assertEquals(3, data.size());
        assertEquals(2.0, data.get(2).get(0).asDouble(), 0.0);
        assertEquals(1, data.get(2).get(2).asInt());
    }

    @Test
    void removing_a_point_answers_a_lab_with_the_others() {
        Lab lab = server.open(START);
        Lab added = labFragment(server.htmxPost("/lab/points/add",
                lab.form("x1", "2", "x2", "2", "label", "1")));
        Response r = server.htmxPost("/lab/points/remove", added.form("index", "0"));
        Lab removed = labFragment(r);
        assertEquals(2, removed.doc().select("#plot-points use.pt").size());
        assertEquals("-1,-1,1;2,2,1", points(r.headers().firstValue("HX-Replace-Url").orElseThrow()));
    }

    /** An empty canvas: no run, no points, no numbers, the stepping controls off, and the hint to click. */
    private static void assertBlankCanvas(Document doc) {
        assertEquals("", doc.selectFirst("main#lab").attr("data-run"));
        assertEquals(0, doc.select("#plot-points use.pt").size());
        assertNotNull(doc.selectFirst("[data-testid=blank-hint]"), "the hint to click the first point");
        for (String control : List.of("step", "back", "play", "reset")) {
            assertTrue(doc.selectFirst("[data-testid=" + control + "]").hasAttr("disabled"), control + " is off");
        }
        assertNull(doc.selectFirst("#plot-under image.field"), "no confidence field without a model worth showing");
        assertNull(doc.selectFirst("[data-testid=gradient-table]"));
        assertNull(doc.selectFirst("#message.shown"), "an empty canvas is not an error");
    }

    @Test
    void clearing_every_point_gives_an_empty_canvas_whose_permalink_reopens_it() {
        Lab lab = server.open(START);
        Response r = server.htmxPost("/lab/points/clear", lab.form());
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertBlankCanvas(doc);
        String url = r.headers().firstValue("HX-Replace-Url").orElseThrow();
        assertEquals("", points(url));
        assertTrue(url.contains("classes=2"), "the model settings are kept: " + url);
        assertEquals(url, "/?" + Lab.of(doc).state());

        Response reopened = server.get(url);
        assertEquals(200, reopened.status(), reopened::body);
        assertBlankCanvas(Jsoup.parse(reopened.body()));
    }

    @Test
    void the_first_click_on_an_empty_canvas_starts_a_run_on_exactly_that_point() {
        Lab lab = server.open(START);
        Lab blank = Lab.of(server.htmxPost("/lab/points/clear", lab.form()).body());
        Lab first = labFragment(server.htmxPost("/lab/points/add",
                blank.form("x1", "-2.5", "x2", "3", "label", "1")));
        JsonNode data = server.api("/api/runs/" + first.id() + "/dataset").get("points");
        assertEquals(1, data.size(), data::toString);
        assertEquals(-2.5, data.get(0).get(0).asDouble(), 0.0);
        assertEquals(3.0, data.get(0).get(1).asDouble(), 0.0);
        assertEquals(1, data.get(0).get(2).asInt());
        assertEquals(1, first.doc().select("#plot-points use.pt").size());
    }

    @Test
    void removing_the_last_point_also_leaves_an_empty_canvas() {
        Lab lab = server.open("dataset=custom&points=1,1,0&classes=2");
        Response r = server.htmxPost("/lab/points/remove", lab.form("index", "0"));
        assertEquals(200, r.status(), r::body);
        assertBlankCanvas(Jsoup.parse(r.body()));
    }

    @Test
    void choosing_custom_in_the_data_controls_opens_an_empty_canvas_with_the_other_settings_kept() {
        // The form still holds the generator's settings of the dataset it leaves.
        Response r = server.htmxGet("/?dataset=custom&n=200&noise=0.1&dataSeed=4&classes=3"
                + "&features=x1,x2&learningRate=0.5");
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertBlankCanvas(doc);
        assertEquals(3, doc.select("#custom-class input[type=radio]").size(), "three classes to click");
        assertEquals("0.5", doc.getElementById("learningRate").val());
    }

    @Test
    void without_htmx_the_clear_button_posts_the_session_form_and_redirects_to_the_empty_canvas() {
        Lab lab = server.open(START);
        Element button = lab.doc().getElementById("custom-clear");
        assertEquals("session", button.attr("form"));
        assertEquals("/lab/points/clear", button.attr("formaction"));
        // Exactly the fields a browser without JavaScript submits with that form.
        Map<String, String> form = new LinkedHashMap<>();
        for (Element input : lab.doc().select("#session input[name], #session select[name]")) {
            form.put(input.attr("name"), input.is("select") ? input.selectFirst("option").val() : input.val());
        }
        Response r = server.postForm("/lab/points/clear", form);
        assertEquals(303, r.status(), r::body);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertEquals("", points(location));
        assertBlankCanvas(Jsoup.parse(server.get(location).body()));
    }

    @Test
    void a_new_learning_rate_on_an_empty_canvas_is_kept_for_the_run_its_first_point_starts() {
        Lab lab = server.open(START);
        Lab blank = Lab.of(server.htmxPost("/lab/points/clear", lab.form()).body());
        Response tuned = server.htmxPost("/lab/tune", blank.form("learningRate", "0.5", "l2", "0.01"));
        assertEquals(200, tuned.status(), tuned::body);
        Document doc = Jsoup.parse(tuned.body());
        assertBlankCanvas(doc);
        assertEquals("0.5", doc.getElementById("learningRate").val());
        Lab first = labFragment(server.htmxPost("/lab/points/add",
                Lab.of(doc).form("x1", "1", "x2", "1", "label", "0")));
        JsonNode state = server.api("/api/runs/" + first.id());
        assertEquals(0.5, state.get("learningRate").asDouble(), 0.0);
        assertEquals(0.01, state.get("l2").asDouble(), 0.0);
    }

    @Test
    void choosing_another_dataset_on_a_custom_page_leaves_custom_and_drops_its_points() {
        // The form of a custom page still holds its points when the dataset select changes.
        Response r = server.htmxGet("/?dataset=blobs&points=1,1,0;-1,-1,1&classes=2&features=x1,x2");
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertNull(doc.selectFirst("#message.shown"), r.body());
        assertEquals("false", doc.getElementById("plot").attr("data-custom"));
        assertEquals(200, doc.select("#plot-points use.pt").size(), "blobs with the default n");
    }

    @Test
    void stepping_an_empty_canvas_anyway_is_refused_naming_the_points() {
        Lab lab = server.open(START);
        Lab blank = Lab.of(server.htmxPost("/lab/points/clear", lab.form()).body());
        Response r = server.htmxPost("/lab/step", blank.form());
        assertEquals(400, r.status(), r::body);
        assertEquals("dataset.points", Jsoup.parse(r.body()).getElementById("message").attr("data-field"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"x1,7", "x1,-6.5", "x1,abc", "x2,7", "x2,NaN", "label,2", "label,-1", "label,0.5"})
    void an_out_of_range_new_point_is_refused_naming_its_field(String field, String value) {
        Lab lab = server.open(START);
        var form = lab.form("x1", "2", "x2", "2", "label", "1");
        form.put(field, value);
        Response r = server.htmxPost("/lab/points/add", form);
        assertEquals(400, r.status(), r::body);
        assertEquals(field, Jsoup.parse(r.body()).getElementById("message").attr("data-field"));
    }

    @ParameterizedTest(name = "index={0}")
    @CsvSource({"2", "-1", "x"})
    void removing_a_point_that_does_not_exist_is_refused_naming_index(String index) {
        Lab lab = server.open(START);
        Response r = server.htmxPost("/lab/points/remove", lab.form("index", index));
        assertEquals(400, r.status(), r::body);
        assertEquals("index", Jsoup.parse(r.body()).getElementById("message").attr("data-field"));
    }

    @Test
    void without_htmx_adding_a_point_redirects_to_the_permalink_of_the_new_data() {
        Lab lab = server.open(START);
        Response r = server.postForm("/lab/points/add", lab.form("x1", "-3.456", "x2", "0.5", "label", "0"));
        assertEquals(303, r.status(), r::body);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertEquals("1,1,0;-1,-1,1;-3.46,0.5,0", points(location), "clicks are rounded to 0.01");
    }

    @Test
    void a_point_set_too_long_for_the_url_is_saved_and_its_permalink_rebuilds_it() {
        StringBuilder points = new StringBuilder();
        for (int j = 0; j < 130; j++) {
            double a = -5.5 + j * 0.0837;
            points.append(j == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.2f,%.2f,%d", a, -a / 2,
                    j % 2));
        }
        Lab lab = server.open("dataset=custom&classes=2&points=" + points);
        Response r = server.htmxPost("/lab/points/add", lab.form("x1", "0.5", "x2", "-0.25", "label", "1"));
        labFragment(r);
        String url = r.headers().firstValue("HX-Replace-Url").orElseThrow();
        assertTrue(points(url).matches("@[0-9a-f]{64}"), url);
        Lab reopened = server.open(url.substring(2));
        assertEquals(131, reopened.doc().select("#plot-points use.pt").size());
        JsonNode data = server.api("/api/runs/" + reopened.id() + "/dataset").get("points");
        assertEquals(0.5, data.get(130).get(0).asDouble(), 0.0);
        assertEquals(-0.25, data.get(130).get(1).asDouble(), 0.0);
    }
}
