package org.logitlab.web.page;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorTest extends ServerTest {
    /** A sigmoid run that has moved, with a test split and L2, so every term of the gradient is non-trivial. */
    static final String SIGMOID = "dataset=moons&classes=2&features=x1,x2&l2=0.05&testFraction=0.25&step=6";
    static final String SOFTMAX = "dataset=blobs&classes=3&features=x1,x2&l2=0.02&testFraction=0.2&step=4";

    private static Document inspect(Lab lab, String token) {
        Response r = server.htmxGet("/lab/inspect?" + lab.runQuery() + "&" + TestServer.query("inspect", token));
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        assertNotNull(doc.getElementById("inspector"), r.body());
        return doc;
    }

    private static double value(Element e) {
        assertNotNull(e);
        return Double.parseDouble(e.attr("data-value"));
    }

    @Test
    void the_weight_inspector_shows_the_api_gradient_and_the_table_gradient_exactly() {
        Lab lab = server.open(SIGMOID);
        Document doc = inspect(lab, "w:0,1");
        JsonNode api = server.api("/api/runs/" + lab.id() + "/weights/0/1");
        double shown = value(doc.selectFirst("[data-testid=inspector-gradient]"));
        assertEquals(api.get("gradient").asDouble(), shown, 0.0);
        double table = Double.parseDouble(lab.doc().selectFirst("td[data-weight=0,1]").attr("data-gradient"));
        assertEquals(table, shown, 0.0);
        assertEquals(api.get("numericalGradient").asDouble(),
                value(doc.selectFirst("[data-testid=inspector-numerical]")), 0.0);
    }

    @Test
    void contributions_rest_and_regularization_sum_to_the_gradient() {
        for (String[] c : new String[][] {{SIGMOID, "w:0,1"}, {SIGMOID, "w:0,2"}, {SOFTMAX, "w:2,0"}}) {
            Lab lab = server.open(c[0]);
            Document doc = inspect(lab, c[1]);
            double gradient = value(doc.selectFirst("[data-testid=inspector-gradient]"));
            List<Element> rows = doc.select("[data-testid=contributions] tbody tr[data-value]");
            assertEquals(10, rows.size(), "the ten largest terms are listed");
            double sum = 0;
            for (Element row : rows) {
                sum += value(row);
            }
            sum += value(doc.selectFirst("[data-testid=contributions] tr.rest [data-value]"));
            sum += value(doc.selectFirst("dl.facts dd[data-value]:not([data-testid])"));
            assertEquals(gradient, sum, 1e-12, c[0] + " " + c[1]);

            String[] ki = c[1].substring(2).split(",");
            JsonNode api = server.api("/api/runs/" + lab.id() + "/weights/" + ki[0] + "/" + ki[1]);
            for (int j = 0; j < rows.size(); j++) {
                JsonNode expected = api.get("contributions").get(j);
                assertEquals(expected.get("index").asText(), rows.get(j).attr("data-index"));
                assertEquals(expected.get("value").asDouble(), value(rows.get(j)), 0.0);
            }
            assertEquals(api.get("otherContributions").asDouble(),
                    value(doc.selectFirst("[data-testid=contributions] tr.rest [data-value]")), 1e-12);
            assertEquals(api.get("regularization").asDouble(),
                    value(doc.selectFirst("dl.facts dd[data-value]:not([data-testid])")), 0.0);
        }
    }

    @Test
    void the_sigmoid_weight_gradient_matches_the_textbook_formula_computed_here() {
        Lab lab = server.open(SIGMOID);
        JsonNode state = server.api("/api/runs/" + lab.id());
        JsonNode data = server.api("/api/runs/" + lab.id() + "/dataset");
        double w1 = state.get("weights").get(0).get(0).asDouble();
        double w2 = state.get("weights").get(0).get(1).asDouble();
        double b = state.get("biases").get(0).asDouble();
        double lambda = state.get("l2").asDouble();
        double sumW2 = 0;
        double sumB = 0;
        int n = 0;
        for (int p = 0; p < data.get("points").size(); p++) {
            if (!"train".equals(data.get("split").get(p).asText())) {
                continue;
            }
            JsonNode point = data.get("points").get(p);
            double x1 = point.get(0).asDouble();
            double x2 = point.get(1).asDouble();
            double y = point.get(2).asDouble();
            double sigma = 1 / (1 + Math.exp(-(w1 * x1 + w2 * x2 + b)));
            sumW2 += (sigma - y) * x2;
            sumB += sigma - y;
            n++;
        }
        assertTrue(n < data.get("points").size(), "the test split must be left out");
        double expectedW2 = sumW2 / n + lambda * w2;
        double expectedB = sumB / n;
        assertEquals(expectedW2, value(inspect(lab, "w:0,1").selectFirst("[data-testid=inspector-gradient]")), 1e-12);
        assertEquals(expectedB, value(inspect(lab, "w:0,2").selectFirst("[data-testid=inspector-gradient]")), 1e-12);
    }

    @Test
    void the_softmax_weight_gradient_matches_the_textbook_formula_computed_here() {
        Lab lab = server.open(SOFTMAX);
        JsonNode state = server.api("/api/runs/" + lab.id());
        JsonNode data = server.api("/api/runs/" + lab.id() + "/dataset");
        JsonNode w = state.get("weights");
        JsonNode b = state.get("biases");
        double lambda = state.get("l2").asDouble();
        int k = 2;
        double sum = 0;
        int n = 0;
        for (int p = 0; p < data.get("points").size(); p++) {
            if (!"train".equals(data.get("split").get(p).asText())) {
                continue;
            }
            JsonNode point = data.get("points").get(p);
            double[] x = {point.get(0).asDouble(), point.get(1).asDouble()};
            double[] z = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < 3; r++) {
                z[r] = w.get(r).get(0).asDouble() * x[0] + w.get(r).get(1).asDouble() * x[1] + b.get(r).asDouble();
                max = Math.max(max, z[r]);
            }
            double total = 0;
            for (int r = 0; r < 3; r++) {
                total += Math.exp(z[r] - max);
            }
            double p2 = Math.exp(z[k] - max) / total;
            sum += (p2 - (point.get(2).asInt() == k ? 1 : 0)) * x[0];
            n++;
        }
        double expected = sum / n + lambda * w.get(k).get(0).asDouble();
        assertEquals(expected, value(inspect(lab, "w:2,0").selectFirst("[data-testid=inspector-gradient]")), 1e-12);
    }

    @Test
    void the_example_inspector_shows_the_api_example_loss_exactly() {
        for (String query : List.of(SIGMOID, SOFTMAX)) {
            Lab lab = server.open(query);
            Document doc = inspect(lab, "x:3");
            double api = server.api("/api/runs/" + lab.id() + "/examples/3").get("loss").asDouble();
            assertEquals(api, value(doc.selectFirst("[data-testid=example-loss]")), 0.0, query);
        }
    }

    @Test
    void a_sigmoid_example_can_be_shown_as_two_class_softmax_with_the_same_probabilities() {
        Lab lab = server.open(SIGMOID);
        Document plain = inspect(lab, "x:3");
        assertEquals("false", plain.getElementById("two-class-softmax").attr("aria-pressed"));
        assertEquals("x:3:s", plain.getElementById("two-class-softmax").val(), "the toggle asks for the other view");
        assertTrue(plain.select("[data-tex*=\\operatorname{softmax}]").isEmpty());

        Document both = inspect(lab, "x:3:s");
        assertEquals("true", both.getElementById("two-class-softmax").attr("aria-pressed"));
        assertEquals("x:3", both.getElementById("two-class-softmax").val());
        Element softmax = both.selectFirst("[data-tex^=\\operatorname{softmax}(\\mathbf{z}) = (]");
        Element sigmoid = both.selectFirst("[data-tex^=(1 - \\sigma(z), \\sigma(z)) = (]");
        assertNotNull(softmax, both.outerHtml());
        assertNotNull(sigmoid, both.outerHtml());
        String p = softmax.attr("data-tex").replaceFirst("^.*= \\(", "(");
        String q = sigmoid.attr("data-tex").replaceFirst("^.*= \\(", "(").replace("\\ \\checkmark", "");
        assertEquals(p, q);
    }

    @Test
    void a_softmax_run_offers_no_two_class_view() {
        Lab lab = server.open(SOFTMAX);
        Document doc = inspect(lab, "x:3:s");
        assertNull(doc.getElementById("two-class-softmax"));
        assertTrue(doc.select("[data-tex*=\\mathbf{w}_1 = \\mathbf{0}]").isEmpty());
    }

    private static Set<String> tags(Document doc) {
        Set<String> tags = new LinkedHashSet<>();
        doc.select("#inspector .eq .tag").forEach(t -> {
            if (!t.text().isEmpty()) {
                tags.add(t.text());
            }
        });
        return tags;
    }

    @Test
    void the_softmax_example_derivation_cites_equations_5_45_to_5_48() {
        Set<String> tags = tags(inspect(server.open(SOFTMAX), "x:3"));
        assertTrue(tags.containsAll(List.of("(5.45)", "(5.46)", "(5.47)", "(5.48)")), tags.toString());
    }

    @Test
    void the_sigmoid_example_derivation_cites_every_equation_from_4_56_to_4_61() {
        Set<String> tags = tags(inspect(server.open(SIGMOID), "x:3"));
        assertTrue(tags.containsAll(List.of("(4.56)", "(4.57)", "(4.58)", "(4.59)", "(4.60)", "(4.61)")),
                tags.toString());
    }

    @ParameterizedTest(name = "inspect={0}")
    @ValueSource(strings = {"w:9,9", "w:0,3", "w:1,0", "w:-1,0", "w:0", "x:99999", "x:-1", "garbage", "w:a,b", "x:"})
    void a_bad_inspect_token_is_refused_naming_inspect(String token) {
        Lab lab = server.open(SIGMOID);
        Response r = server.htmxGet("/lab/inspect?" + lab.runQuery() + "&" + TestServer.query("inspect", token));
        assertEquals(400, r.status(), r::body);
        assertEquals("none", r.headers().firstValue("HX-Reswap").orElse(""));
        Element message = Jsoup.parse(r.body()).getElementById("message");
        assertNotNull(message, r.body());
        assertEquals("inspect", message.attr("data-field"));
    }

    @ParameterizedTest(name = "inspect={0}")
    @ValueSource(strings = {"garbage", "w:9,9", "x:99999"})
    void a_step_with_a_bad_inspect_token_is_refused_before_the_run_moves(String token) {
        Lab lab = server.open(SIGMOID);
        JsonNode before = server.api("/api/runs/" + lab.id());
        Response r = server.htmxPost("/lab/step", lab.form("count", "5", "inspect", token));
        assertEquals(400, r.status(), r::body);
        assertEquals("inspect", Jsoup.parse(r.body()).getElementById("message").attr("data-field"));
        JsonNode after = server.api("/api/runs/" + lab.id());
        assertEquals(before.get("step"), after.get("step"), "the page keeps its state, so the run must too");
        assertEquals(before.get("weights"), after.get("weights"));
    }

    @Test
    void the_inspector_stays_open_across_a_step_and_follows_the_new_gradient() {
        Lab lab = server.open(SIGMOID);
        Response r = server.htmxPost("/lab/step", lab.form("count", "2", "inspect", "w:0,0"));
        assertEquals(200, r.status(), r::body);
        Document doc = Jsoup.parse(r.body());
        double api = server.api("/api/runs/" + lab.id() + "/weights/0/0").get("gradient").asDouble();
        assertEquals(api, value(doc.selectFirst("#inspector [data-testid=inspector-gradient]")), 0.0);
    }
}
