package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

/**
 * {@code GET /api/runs/{id}/landscape}: J over two parameters, every other one at its current value, checked node by
 * node against the textbook's J computed here; the grid holds the current point; the path has one point per step,
 * each equal to the run's own parameters at that step.
 */
class LandscapeApiTest extends ServerTest {
    private static final String SOFTMAX = "{\"dataset\":{\"name\":\"blobs\",\"n\":40,\"seed\":3},\"classes\":3,"
            + "\"features\":[\"x1\",\"x2\",\"x1^2\"],\"learningRate\":0.2,\"l2\":0.05";
    private static final String SIGMOID = "{\"dataset\":{\"name\":\"moons\",\"n\":30,\"seed\":2},"
            + "\"features\":[\"x1\",\"x2\",\"sin(x2)\"],\"learningRate\":0.5,\"l2\":0.01";

    @ParameterizedTest(name = "{0} over {1} and {2}")
    @CsvSource(delimiter = '|', value = {
        "softmax | 0,1 | 2,3",
        "softmax | 1,0 | 2,2",
        "sigmoid | 0,0 | 0,3"})
    void every_node_is_the_textbooks_objective_and_the_path_is_the_runs(String model, String a, String b) {
        String config = model.equals("softmax") ? SOFTMAX : SIGMOID;
        String id = server.createRun(config + ",\"step\":12}").get("id").asText();
        JsonNode state = server.run(id);
        JsonNode land = TestServer.ok(server.get("/api/runs/" + id + "/landscape?a=" + a + "&b=" + b + "&size=7"));
        List<Textbook.Point> points = Textbook.points(server.api("/api/runs/" + id + "/dataset"), "train");
        double l2 = state.get("l2").asDouble();

        JsonNode av = land.get("a").get("values");
        JsonNode bv = land.get("b").get("values");
        assertEquals(7, av.size());
        int[] ka = ints(a);
        int[] kb = ints(b);
        assertTrue(contains(av, parameter(state, ka)), "the grid holds θ's value of a");
        assertTrue(contains(bv, parameter(state, kb)), "the grid holds θ's value of b");
        for (int i = 0; i < av.size(); i++) {
            for (int j = 0; j < bv.size(); j++) {
                Textbook.Model m = with(with(Textbook.Model.of(state), ka, av.get(i).asDouble()), kb, bv.get(j).asDouble());
                double expected = Textbook.evaluate(m, points, l2).objective();
                double got = land.get("objective").get(i).get(j).asDouble();
                assertEquals(expected, got, 1e-9 * Math.abs(expected), "J at node " + i + "," + j);
            }
        }

        JsonNode path = land.get("path");
        assertEquals(13, path.size(), "one point per step from 0 to 12");
        for (int t : new int[] {0, 5, 12}) {
            JsonNode at = server.createRun(config + ",\"step\":" + t + "}");
            assertEquals(parameter(at, ka), path.get(t).get(0).asDouble(), 0.0, "a at step " + t);
            assertEquals(parameter(at, kb), path.get(t).get(1).asDouble(), 0.0, "b at step " + t);
        }
    }

    @Test
    void without_a_pair_it_shows_the_two_parameters_that_moved_most_and_after_a_step_the_path_grows() {
        String id = server.createRun(SOFTMAX + ",\"step\":8}").get("id").asText();
        JsonNode first = TestServer.ok(server.get("/api/runs/" + id + "/landscape"));
        assertEquals(41, first.get("a").get("values").size(), "41 nodes a side by default");
        assertEquals(9, first.get("path").size());
        TestServer.ok(server.postJson("/api/runs/" + id + "/step", "{\"count\":3}"));
        String a = first.get("a").get("k").asInt() + "," + first.get("a").get("i").asInt();
        String b = first.get("b").get("k").asInt() + "," + first.get("b").get("i").asInt();
        JsonNode later = TestServer.ok(server.get("/api/runs/" + id + "/landscape?a=" + a + "&b=" + b));
        assertEquals(12, later.get("path").size());
        for (int t = 0; t < 9; t++) {
            assertEquals(first.get("path").get(t), later.get("path").get(t), "the path so far is kept");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a=0,9         | a",
        "a=3,0         | a",
        "a=x           | a",
        "a=0,0&b=0,0   | b",
        "size=2        | size",
        "size=102      | size"})
    void a_bad_pair_or_size_is_refused_naming_it(String query, String field) {
        String id = server.createRun(SOFTMAX + "}").get("id").asText();
        Response r = server.get("/api/runs/" + id + "/landscape?" + query);
        assertEquals(400, r.status(), r::body);
        assertEquals(field, r.json().get("field").asText(), r::body);
    }

    private static int[] ints(String ki) {
        String[] parts = ki.split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static double parameter(JsonNode state, int[] ki) {
        JsonNode weights = state.get("weights").get(ki[0]);
        return ki[1] == weights.size() ? state.get("biases").get(ki[0]).asDouble() : weights.get(ki[1]).asDouble();
    }

    private static boolean contains(JsonNode values, double v) {
        for (JsonNode x : values) {
            if (x.asDouble() == v) {
                return true;
            }
        }
        return false;
    }

    private static Textbook.Model with(Textbook.Model m, int[] ki, double value) {
        double[][] w = new double[m.rows()][];
        for (int r = 0; r < m.rows(); r++) {
            w[r] = m.weights()[r].clone();
        }
        double[] b = m.biases().clone();
        if (ki[1] == m.features().size()) {
            b[ki[0]] = value;
        } else {
            w[ki[0]][ki[1]] = value;
        }
        return new Textbook.Model(m.parameterization(), m.classes(), m.features(), w, b);
    }
}
