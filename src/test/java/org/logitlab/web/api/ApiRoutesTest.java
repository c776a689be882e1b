package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.web.api.Nodes.assertClose;
import static org.logitlab.web.api.Nodes.assertSameParameters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.api.Textbook.Model;

/** Every route of the JSON API answers with the contract's fields, and moving a run around is exact. */
class ApiRoutesTest extends ServerTest {
    private static final List<String> STATE_FIELDS = List.of("id", "step", "status", "classes", "classNames",
            "standardization", "parameterization", "features", "learningRate", "l2", "l1", "weights", "biases",
            "gradient", "gradientNorm", "loss", "accuracy", "permalink");

    private static JsonNode step(String id, String body) {
        return TestServer.ok(server.postJson("/api/runs/" + id + "/step", body));
    }

    private static JsonNode seek(String id, long step) {
        return TestServer.ok(server.postJson("/api/runs/" + id + "/seek", "{\"step\":" + step + "}"));
    }

    private static JsonNode history(String id, String query) {
        return TestServer.ok(server.get("/api/runs/" + id + "/history" + query)).get("steps");
    }

    private static String id(JsonNode state) {
        return state.get("id").asText();
    }

    @Test
    void a_run_created_without_a_body_uses_the_contract_defaults() {
        TestServer.Response r = server.sendJson("POST", "/api/runs", null);
        assertEquals(201, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode s = r.json();
        assertEquals(STATE_FIELDS, iterableToList(s.fieldNames()));
        assertTrue(id(s).matches("[0-9a-f]{32}"), id(s));
        assertEquals(0, s.get("step").asLong());
        assertEquals("ok", s.get("status").asText());
        assertEquals(2, s.get("classes").asInt());
        assertEquals("sigmoid", s.get("parameterization").asText());
        assertEquals(List.of("x1", "x2"), iterableToList(s.get("features").elements()).stream()
                .map(JsonNode::asText).toList());
        assertEquals(0.1, s.get("learningRate").doubleValue());
        assertEquals(0.0, s.get("l2").doubleValue());
        assertEquals(0.0, s.get("l1").doubleValue());
        assertTrue(s.get("classNames").isNull(), "generated data name no classes");
        assertTrue(s.get("standardization").isNull());
        assertFalse(s.get("permalink").asText().contains("l1="), "λ₁ = 0 is left out of the link");
        assertArrayEquals(new double[] {0.0, 0.0}, Nodes.vector(s.at("/weights/0")));
        assertEquals(1, s.get("weights").size());
        assertArrayEquals(new double[] {0.0}, Nodes.vector(s.get("biases")));
        // At θ = 0 every p is 1/2: the loss is log 2 whatever the data (up to rounding in the mean of 200 terms).
        assertClose(Math.log(2), s.at("/loss/train").doubleValue(), 1e-13, "loss at zero weights");
        assertTrue(s.at("/loss/test").isNull());
        assertTrue(s.at("/accuracy/test").isNull());
        JsonNode dataset = TestServer.ok(server.get("/api/runs/" + id(s) + "/dataset"));
        assertEquals(200, dataset.get("points").size(), "blobs with n = 200");
        assertTrue(s.get("permalink").asText().startsWith("/?"));
        assertTrue(s.get("permalink").asText().endsWith("&step=0"), s.get("permalink").asText());
    }

    private static <T> List<T> iterableToList(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void a_softmax_run_with_a_test_split_reports_k_weight_rows_and_test_numbers() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"spiral\",\"n\":90,\"noise\":0.2,\"seed\":4},"
                + "\"classes\":3,\"parameterization\":\"softmax\",\"features\":[\"x1\",\"x2\",\"sin(x1)\",\"sin(x2)\"],"
                + "\"optimizer\":\"minibatch\",\"batchSize\":16,\"learningRate\":0.5,\"l2\":0.01,\"testFraction\":0.3,"
                + "\"seed\":9,\"init\":\"random\",\"step\":12}");
        assertEquals(STATE_FIELDS, iterableToList(s.fieldNames()));
        assertEquals(12, s.get("step").asLong());
        assertEquals("softmax", s.get("parameterization").asText());
        assertEquals(3, s.get("weights").size());
        assertEquals(3, s.get("biases").size());
        assertEquals(3, s.at("/gradient/weights").size());
        for (int k = 0; k < 3; k++) {
            assertEquals(4, s.get("weights").get(k).size());
            assertEquals(4, s.at("/gradient/weights/" + k).size());
        }
        for (String field : List.of("/loss/train", "/loss/test", "/loss/objective", "/accuracy/train",
                "/accuracy/test", "/gradientNorm")) {
            assertTrue(s.at(field).isNumber(), field + " in " + s);
        }
        double accuracy = s.at("/accuracy/test").doubleValue();
        assertTrue(accuracy >= 0 && accuracy <= 1, "test accuracy " + accuracy);
        assertEquals(0.5, s.get("learningRate").doubleValue());
        assertEquals(0.01, s.get("l2").doubleValue());
    }

    @Test
    void get_returns_exactly_the_state_the_last_change_answered_with() {
        JsonNode created = server.createRun("{\"step\":3}");
        assertEquals(created, server.run(id(created)));
        JsonNode stepped = step(id(created), "{\"count\":4}");
        assertEquals(stepped, server.run(id(created)));
    }

    @Test
    void the_dataset_route_returns_each_point_with_its_split() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"circles\",\"n\":50,\"noise\":0.3},\"classes\":4,"
                + "\"testFraction\":0.2}");
        JsonNode d = TestServer.ok(server.get("/api/runs/" + id(s) + "/dataset"));
        assertEquals(List.of("points", "split"), iterableToList(d.fieldNames()));
        assertEquals(50, d.get("points").size());
        assertEquals(50, d.get("split").size());
        int test = 0;
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            double[] p = Nodes.vector(d.get("points").get(i));
            assertEquals(3, p.length);
            assertTrue(Math.abs(p[0]) <= 6 && Math.abs(p[1]) <= 6, "inside [-6, 6]²: " + d.get("points").get(i));
            assertTrue(p[2] == Math.rint(p[2]) && p[2] >= 0 && p[2] < 4, "label " + p[2]);
            labels.add((int) p[2]);
            String split = d.get("split").get(i).asText();
            assertTrue(split.equals("train") || split.equals("test"), split);
            test += split.equals("test") ? 1 : 0;
        }
        assertEquals(Set.of(0, 1, 2, 3), labels);
        assertEquals(10, test, "⌊50 · 0.2⌋ test points");
    }

    @Test
    void custom_points_come_back_from_the_dataset_route_unchanged() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":[[0.1,-0.2,0],[5.999,-6,1],"
                + "[0.30000000000000004,1e-7,1]]}}");
        JsonNode points = TestServer.ok(server.get("/api/runs/" + id(s) + "/dataset")).get("points");
        assertArrayEquals(new double[] {0.1, -0.2, 0}, Nodes.vector(points.get(0)));
        assertArrayEquals(new double[] {5.999, -6, 1}, Nodes.vector(points.get(1)));
        assertArrayEquals(new double[] {0.30000000000000004, 1e-7, 1}, Nodes.vector(points.get(2)));
    }

    @Test
    void stepping_without_a_body_takes_one_step_and_count_takes_that_many() {
        JsonNode s = server.createRun("{\"dataset\":{\"n\":30}}");
        assertEquals(1, step(id(s), null).get("step").asLong());
        assertEquals(2, step(id(s), "{}").get("step").asLong());
        assertEquals(9, step(id(s), "{\"count\":7}").get("step").asLong());
        assertEquals(9, server.run(id(s)).get("step").asLong());
    }

    @Test
    void the_largest_step_count_is_allowed() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":[[1,1,1],[-1,-1,0]]}}");
        assertEquals(10_000, step(id(s), "{\"count\":10000}").get("step").asLong());
    }

    @Test
    void stepping_n_times_equals_creating_the_run_at_step_n() {
        String body = "{\"dataset\":{\"name\":\"moons\",\"n\":80},\"optimizer\":\"sgd\",\"learningRate\":0.3,"
                + "\"init\":\"random\",\"seed\":21";
        JsonNode s = server.createRun(body + "}");
        for (int t = 0; t < 5; t++) {
            step(id(s), "{\"count\":9}");
        }
        JsonNode stepped = step(id(s), "{\"count\":5}");
        assertEquals(50, stepped.get("step").asLong());
        Nodes.assertSameStateApartFromId(server.createRun(body + ",\"step\":50}"), stepped);
    }

    @Test
    void reset_returns_to_step_zero_with_the_initial_weights_and_history() {
        JsonNode created = server.createRun("{\"classes\":3,\"init\":\"random\",\"optimizer\":\"minibatch\","
                + "\"testFraction\":0.1,\"seed\":77}");
        String id = id(created);
        step(id, "{\"count\":70}");
        JsonNode reset = TestServer.ok(server.postJson("/api/runs/" + id + "/reset", null));
        assertEquals(0, reset.get("step").asLong());
        assertEquals("ok", reset.get("status").asText());
        Nodes.assertSameStateApartFromId(created, reset);
        assertEquals(1, history(id, "").size());
    }

    @Test
    void seeking_back_then_forward_gives_the_same_weights_bit_for_bit() {
        for (String optimizer : List.of("batch", "sgd", "minibatch")) {
            JsonNode created = server.createRun("{\"dataset\":{\"name\":\"xor\",\"n\":60},\"optimizer\":\""
                    + optimizer + "\",\"batchSize\":7,\"features\":[\"x1\",\"x2\",\"x1*x2\"],\"init\":\"random\","
                    + "\"learningRate\":0.2,\"l2\":0.01}");
            String id = id(created);
            JsonNode at37 = step(id, "{\"count\":37}");
            JsonNode at150 = step(id, "{\"count\":113}");
            assertEquals(150, at150.get("step").asLong());
            // Back across two checkpoints, then forward again, then to the start.
            JsonNode back = seek(id, 37);
            assertEquals(37, back.get("step").asLong(), optimizer);
            Nodes.assertSameStateApartFromId(at37, back);
            JsonNode forward = seek(id, 150);
            Nodes.assertSameStateApartFromId(at150, forward);
            Nodes.assertSameStateApartFromId(created, seek(id, 0));
            Nodes.assertSameStateApartFromId(at150, seek(id, 150));
        }
    }

    @Test
    void history_has_a_row_for_every_step_from_zero_matching_the_states_on_the_way() {
        JsonNode s = server.createRun("{\"dataset\":{\"n\":40},\"testFraction\":0.25,\"learningRate\":0.05}");
        String id = id(s);
        List<JsonNode> states = new ArrayList<>(List.of(s));
        for (int t = 1; t <= 12; t++) {
            states.add(step(id, null));
        }
        JsonNode rows = history(id, "");
        assertEquals(13, rows.size());
        for (int t = 0; t <= 12; t++) {
            JsonNode row = rows.get(t);
            JsonNode state = states.get(t);
            assertEquals(List.of("step", "loss", "accuracy", "gradientNorm"), iterableToList(row.fieldNames()));
            assertEquals(t, row.get("step").asLong());
            assertEquals(state.get("loss"), row.get("loss"), "loss at step " + t);
            assertEquals(state.get("accuracy"), row.get("accuracy"), "accuracy at step " + t);
            assertEquals(state.get("gradientNorm"), row.get("gradientNorm"), "gradient norm at step " + t);
        }
        JsonNode fromFive = history(id, "?from=5");
        assertEquals(8, fromFive.size());
        for (int j = 0; j < 8; j++) {
            assertEquals(rows.get(5 + j), fromFive.get(j));
        }
        assertEquals(rows, history(id, "?from=0"));
        assertEquals(1, history(id, "?from=12").size());
        assertEquals(0, history(id, "?from=13").size());
    }

    @Test
    void history_after_seeking_back_ends_at_the_current_step() {
        JsonNode s = server.createRun("{}");
        step(s.get("id").asText(), "{\"count\":20}");
        seek(id(s), 4);
        JsonNode rows = history(id(s), "");
        assertEquals(5, rows.size());
        assertEquals(4, rows.get(4).get("step").asLong());
    }

    @Test
    void changing_hyperparameters_keeps_the_weights_and_the_next_step_uses_the_new_values() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SIGMOID_POINTS
                + "},\"init\":\"random\",\"learningRate\":0.1,\"step\":5}");
        String id = id(s);
        JsonNode changed = TestServer.ok(server.postJson("/api/runs/" + id + "/hyperparameters",
                "{\"learningRate\":0.8,\"l2\":0.4}"));
        assertEquals(5, changed.get("step").asLong());
        assertEquals(0.8, changed.get("learningRate").doubleValue());
        assertEquals(0.4, changed.get("l2").doubleValue());
        assertSameParameters(s, changed);
        // The objective and gradient now carry λ = 0.4.
        Model m = Model.of(changed);
        Textbook.Evaluation e = Textbook.evaluate(m, Textbook.points(
                TestServer.ok(server.get("/api/runs/" + id + "/dataset")), null), 0.4);
        assertClose(e.objective(), changed.at("/loss/objective").doubleValue(), 1e-12, "objective with new λ");
        assertClose(e.gradientWeights(), changed.at("/gradient/weights"), 1e-12, "gradient with new λ");

        JsonNode next = step(id, null);
        double[][] w = m.weights();
        double[][] g = Nodes.matrix(changed.at("/gradient/weights"));
        for (int j = 0; j < w[0].length; j++) {
            assertEquals(w[0][j] - 0.8 * g[0][j], next.at("/weights/0/" + j).doubleValue(), "w" + j);
        }
    }

    @Test
    void changing_only_the_learning_rate_keeps_l2_and_an_empty_change_keeps_both() {
        JsonNode s = server.createRun("{\"learningRate\":0.3,\"l2\":0.2,\"step\":2}");
        JsonNode lr = TestServer.ok(server.postJson("/api/runs/" + id(s) + "/hyperparameters", "{\"learningRate\":0.05}"));
        assertEquals(0.05, lr.get("learningRate").doubleValue());
        assertEquals(0.2, lr.get("l2").doubleValue());
        JsonNode none = TestServer.ok(server.postJson("/api/runs/" + id(s) + "/hyperparameters", null));
        assertEquals(lr, none);
    }

    @Test
    void seek_moves_to_the_requested_step() {
        JsonNode s = server.createRun("{}");
        assertEquals(17, seek(id(s), 17).get("step").asLong());
        assertEquals(3, seek(id(s), 3).get("step").asLong());
        assertEquals(3, server.run(id(s)).get("step").asLong());
    }

    @Test
    void every_permalink_names_the_step_the_state_is_at() {
        JsonNode s = server.createRun("{\"step\":6}");
        assertTrue(s.get("permalink").asText().contains("step=6"), s.get("permalink").asText());
        JsonNode stepped = step(id(s), "{\"count\":3}");
        assertTrue(stepped.get("permalink").asText().contains("step=9"), stepped.get("permalink").asText());
    }

    @Test
    void ids_are_32_lowercase_hex_characters_and_distinct_over_200_creations() {
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            String id = id(server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":[[1,1,1],[-1,-1,0]]}}"));
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            ids.add(id);
        }
        assertEquals(200, ids.size());
    }
}
