package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.web.api.Nodes.assertSameParameters;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/**
 * λ₁ through the JSON API: a field of creation, of {@code /hyperparameters}, of the state and of the schedule, kept
 * in the permalink; batch gradient descent through the API reaches scikit-learn's L1 optima with its zeros exactly
 * 0.0; the weight answer writes out the next proximal step.
 */
class ApiL1Test extends ServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode create(String body) {
        return server.createRun(body);
    }

    private static JsonNode replay(String permalink) {
        TestServer.Lab lab = server.open(permalink.substring(2));
        return server.run(lab.id());
    }

    @Test
    void l1_is_a_field_of_the_state_and_of_the_permalink_and_the_permalink_replays_it_bit_for_bit() {
        JsonNode s = create("{\"dataset\": {\"name\": \"blobs\", \"n\": 80}, \"classes\": 3, \"l2\": 0.01, "
                + "\"l1\": 0.05, \"learningRate\": 0.5, \"step\": 30}");
        assertEquals(0.05, s.get("l1").doubleValue(), 0.0);
        String link = s.get("permalink").asText();
        assertTrue(link.contains("&l1=0.05&"), link);
        JsonNode again = replay(link);
        assertSameParameters(s, again);
        assertEquals(s.get("gradientNorm").doubleValue(), again.get("gradientNorm").doubleValue(), 0.0);
        assertEquals(s.at("/loss/objective").doubleValue(), again.at("/loss/objective").doubleValue(), 0.0);
        assertEquals(link, again.get("permalink").asText());
    }

    @Test
    void hyperparameters_change_l1_from_the_current_step_and_keep_the_weights() {
        JsonNode s = create("{\"dataset\": {\"name\": \"moons\", \"n\": 60}, \"step\": 10}");
        String id = s.get("id").asText();
        JsonNode tuned = TestServer.ok(server.postJson("/api/runs/" + id + "/hyperparameters", "{\"l1\": 0.3}"));
        assertEquals(0.3, tuned.get("l1").doubleValue(), 0.0);
        assertEquals(0.1, tuned.get("learningRate").doubleValue(), 0.0, "η is kept");
        assertSameParameters(s, tuned);
        assertTrue(tuned.at("/loss/objective").doubleValue() > s.at("/loss/objective").doubleValue(),
                "J gains λ₁‖w‖₁");
        assertTrue(tuned.get("permalink").asText().contains("schedule=10:0.1:0.0:0.3"), tuned.toString());

        JsonNode off = TestServer.ok(server.postJson("/api/runs/" + id + "/hyperparameters", "{\"l2\": 0.5}"));
        assertEquals(0.3, off.get("l1").doubleValue(), 0.0, "λ₁ is kept when only λ₂ changes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"l1\": 10.5}", "{\"l1\": -0.1}", "{\"l1\": \"0.1\"}"})
    void an_l1_out_of_range_is_refused_naming_l1_and_the_range(String body) {
        TestServer.Response r = server.postJson("/api/runs", body);
        assertEquals(400, r.status(), r.body());
        assertEquals("l1", r.json().get("field").asText());
        assertTrue(r.json().get("error").asText().contains("[0, 10]"), r.body());
        String id = create("{}").get("id").asText();
        TestServer.Response tune = server.postJson("/api/runs/" + id + "/hyperparameters", body);
        assertEquals(400, tune.status(), tune.body());
        assertEquals("l1", tune.json().get("field").asText());
    }

    @Test
    void a_schedule_of_l1_changes_equals_changing_it_by_hand_and_its_permalink_replays_it() {
        String base = "\"dataset\": {\"name\": \"blobs\", \"n\": 60, \"seed\": 4}, \"classes\": 3, "
                + "\"learningRate\": 0.3";
        JsonNode scheduled = create("{" + base + ", \"step\": 40, \"schedule\": [{\"from\": 10, \"learningRate\": "
                + "0.3, \"l2\": 0, \"l1\": 0.2}, {\"from\": 25, \"learningRate\": 0.5, \"l2\": 0.01}]}");
        String link = scheduled.get("permalink").asText();
        assertTrue(link.contains("schedule=10:0.3:0.0:0.2;25:0.5:0.01&"), "an entry without l1 keeps 3 parts: " + link);

        String id = create("{" + base + ", \"step\": 10}").get("id").asText();
        server.postJson("/api/runs/" + id + "/hyperparameters", "{\"l1\": 0.2}");
        server.postJson("/api/runs/" + id + "/step", "{\"count\": 15}");
        server.postJson("/api/runs/" + id + "/hyperparameters", "{\"learningRate\": 0.5, \"l2\": 0.01, \"l1\": 0}");
        JsonNode byHand = TestServer.ok(server.postJson("/api/runs/" + id + "/step", "{\"count\": 15}"));
        assertSameParameters(scheduled, byHand);
        assertEquals(link, byHand.get("permalink").asText());
        assertSameParameters(scheduled, replay(link));
    }

    @Test
    void a_permalink_written_before_l1_with_three_part_schedule_entries_still_reads() {
        JsonNode s = replay("/?dataset=blobs&n=50&classes=2&learningRate=0.1&l2=0.0&schedule=5:0.5:0.01&step=9");
        assertEquals(0.0, s.get("l1").doubleValue(), 0.0);
        assertEquals(0.01, s.get("l2").doubleValue(), 0.0);
        TestServer.Response bad = server.get("/?dataset=blobs&schedule=5:0.5:0.01:0.1:7&step=9");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("schedule", Jsoup.parse(bad.body()).getElementById("message").attr("data-field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"from\": 5, \"learningRate\": 0.1, \"l2\": 0, \"l1\": 11}]",
        "[{\"from\": 5, \"learningRate\": 0.1, \"l1\": 0.1}]", "[{\"from\": 5, \"learningRate\": 0.1, \"l2\": 0, "
                + "\"l3\": 0}]"})
    void a_bad_schedule_entry_is_refused_naming_schedule(String schedule) {
        TestServer.Response r = server.postJson("/api/runs", "{\"schedule\": " + schedule + "}");
        assertEquals(400, r.status(), r.body());
        assertEquals("schedule", r.json().get("field").asText());
    }

    /** scikit-learn's L1 optima (make_l1_reference.py), as the core's reference test reads them. */
    static Stream<Named<JsonNode>> l1Optima() throws IOException {
        try (InputStream in = ApiL1Test.class.getResourceAsStream("/reference/sklearn_l1_optima.json")) {
            List<Named<JsonNode>> cases = new ArrayList<>();
            JSON.readTree(in).get("cases").forEach(c -> cases.add(Named.of(c.get("name").asText(), c)));
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("l1Optima")
    void batch_gd_through_the_api_reaches_scikit_learns_l1_optimum_with_its_zeros_exactly_zero(JsonNode c) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("dataset").put("name", "custom").set("points", c.get("points"));
        body.put("classes", c.get("classes").asInt()).put("parameterization", c.get("parameterization").asText());
        body.set("features", c.get("features"));
        body.put("learningRate", c.get("learningRate").doubleValue()).put("l2", c.get("l2").doubleValue())
                .put("l1", c.get("l1").doubleValue()).put("step", c.get("steps").asInt());
        JsonNode s = create(body.toString());

        assertEquals("ok", s.get("status").asText());
        assertTrue(s.get("gradientNorm").doubleValue() < 1e-7, "‖∇J‖ (minimum-norm subgradient) " + s);
        double[][] expected = Nodes.matrix(c.get("weights"));
        double[][] actual = Nodes.matrix(s.get("weights"));
        for (int r = 0; r < expected.length; r++) {
            for (int i = 0; i < expected[r].length; i++) {
                if (expected[r][i] == 0.0) {
                    assertEquals(0.0, actual[r][i], "sklearn's zero (" + r + ", " + i + ") is exactly +0.0");
                    assertEquals("0.0", s.at("/weights/" + r + "/" + i).toString(), "written as 0.0");
                } else {
                    assertEquals(expected[r][i], actual[r][i], 1e-6, "weight (" + r + ", " + i + ")");
                }
            }
        }
        double[] biases = Nodes.vector(s.get("biases"));
        double[] expectedBiases = Nodes.vector(c.get("biases"));
        boolean softmax = "softmax".equals(c.get("parameterization").asText());
        for (int r = 0; r < biases.length; r++) {
            // Softmax biases are identified only up to a common shift: compare them centered.
            assertEquals(expectedBiases[r] - (softmax ? mean(expectedBiases) : 0), biases[r] - (softmax
                    ? mean(biases) : 0), 1e-6, "bias " + r);
        }
        assertEquals(c.get("objective").doubleValue(), s.at("/loss/objective").doubleValue(), 1e-9);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    @Test
    void the_weight_answer_writes_out_the_next_proximal_step_and_stepping_lands_on_it_bit_for_bit() {
        JsonNode s = create("{\"dataset\": {\"name\": \"blobs\", \"n\": 60}, \"classes\": 3, \"features\": [\"x1\", "
                + "\"x2\", \"sin(x1)\"], \"learningRate\": 0.5, \"l1\": 0.08, \"step\": 12}");
        String id = s.get("id").asText();
        int rows = s.get("weights").size();
        int dimension = s.get("weights").get(0).size();
        double[][] next = new double[rows][dimension + 1];
        for (int k = 0; k < rows; k++) {
            for (int i = 0; i <= dimension; i++) {
                JsonNode w = server.api("/api/runs/" + id + "/weights/" + k + "/" + i);
                ProximalUpdate expected = analysis(k, i, dimension, w).nextStep(0.5, 0.08);
                assertEquals(expected.unshrunk(), w.at("/nextStep/unshrunk").doubleValue(), 0.0);
                assertEquals(expected.threshold(), w.at("/nextStep/threshold").doubleValue(), 0.0);
                assertEquals(expected.next(), w.at("/nextStep/next").doubleValue(), 0.0);
                assertEquals(i == dimension ? 0.0 : 0.5 * 0.08, expected.threshold(), 0.0, "biases are not shrunk");
                next[k][i] = expected.next();
            }
        }
        JsonNode after = TestServer.ok(server.postJson("/api/runs/" + id + "/step", "{}"));
        boolean someZero = false;
        for (int k = 0; k < rows; k++) {
            for (int i = 0; i < dimension; i++) {
                assertEquals(next[k][i], after.at("/weights/" + k + "/" + i).doubleValue(), "w " + k + "," + i);
                someZero |= next[k][i] == 0.0;
            }
            assertEquals(next[k][dimension], after.at("/biases/" + k).doubleValue(), "b " + k);
        }
        assertTrue(someZero, "λ₁ = 0.08 holds some weight at 0 here: " + after.get("weights"));
        assertFalse(after.get("permalink").asText().contains("schedule"));
    }

    /** The core's analysis of weight (k, i) as the API reports it: its value and ∂J_smooth/∂w. */
    static WeightAnalysis analysis(int k, int i, int dimension, JsonNode answer) {
        return new WeightAnalysis(k, i, i == dimension, answer.get("weight").doubleValue(),
                answer.get("gradient").doubleValue(), 0, 0, new double[0], new int[0]);
    }
}
