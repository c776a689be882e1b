package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/**
 * A learning rate too large for the data: the run stops at its last finite state with status "diverged",
 * refuses further steps with 409, and no answer about it ever carries NaN or Infinity.
 */
class ApiDivergenceTest extends ServerTest {
    /** η·λ = 1000, so each step multiplies the weights by about −999: they overflow within ~50 steps. */
    static final String DIVERGING = "{\"learningRate\":100,\"l2\":10,\"step\":200}";

    /** The answer is 200 and every number in it is finite. */
    private static JsonNode finite(TestServer.Response r) {
        JsonNode json = TestServer.ok(r);
        Nodes.assertAllFinite(r.body(), json);
        return json;
    }

    /** Creates the run, checks it diverged short of the requested step, and checks every read route on it. */
    private static JsonNode diverged(String body, long requested) {
        TestServer.Response created = server.postJson("/api/runs", body);
        assertEquals(201, created.status(), created.body());
        Nodes.assertAllFinite(created.body(), created.json());
        JsonNode s = created.json();
        assertEquals("diverged", s.get("status").asText(), body);
        long step = s.get("step").asLong();
        assertTrue(step < requested, "stopped at " + step);
        String id = s.get("id").asText();

        JsonNode history = finite(server.get("/api/runs/" + id + "/history")).get("steps");
        assertEquals(step + 1, history.size());
        finite(server.get("/api/runs/" + id));
        JsonNode dataset = finite(server.get("/api/runs/" + id + "/dataset"));
        for (int i = 0; i < dataset.get("points").size(); i++) {
            finite(server.get("/api/runs/" + id + "/examples/" + i));
        }
        int rows = s.get("weights").size();
        int dimension = s.get("features").size();
        for (int k = 0; k < rows; k++) {
            for (int i = 0; i <= dimension; i++) {
                // Only finiteness: with J near 1e300 a central difference cannot resolve a gradient of order 1.
                finite(server.get("/api/runs/" + id + "/weights/" + k + "/" + i));
            }
        }
        return s;
    }

    @Test
    void a_sigmoid_run_with_a_huge_step_stops_at_its_last_finite_state_and_says_diverged() {
        JsonNode s = diverged(DIVERGING, 200);
        double w = Math.abs(s.at("/weights/0/0").doubleValue());
        assertTrue(w > 1e100, "the weights really blew up: " + w);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"classes\":4,\"dataset\":{\"n\":80},\"learningRate\":50,\"l2\":1,\"step\":2000}",
        "{\"optimizer\":\"sgd\",\"learningRate\":100,\"l2\":10,\"testFraction\":0.3,\"step\":2000}",
        "{\"optimizer\":\"minibatch\",\"batchSize\":5,\"classes\":2,\"parameterization\":\"softmax\","
            + "\"dataset\":{\"name\":\"xor\",\"n\":60},\"features\":[\"x1^2\",\"x2^2\",\"x1*x2\"],"
            + "\"learningRate\":100,\"l2\":5,\"step\":2000}",
        "{\"dataset\":{\"name\":\"custom\",\"points\":[[6,6,1],[-6,-6,0],[6,-6,1]]},"
            + "\"init\":{\"weights\":[[1e6,-1e6]],\"biases\":[1e6]},\"learningRate\":100,\"l2\":10,\"step\":2000}"})
    void every_kind_of_run_that_diverges_answers_only_finite_numbers(String body) {
        diverged(body, 2000);
    }

    @Test
    void raising_l2_on_a_diverged_run_never_answers_infinity_or_nan() {
        // η·λ = 3: the weights double each step, so the last finite state has Σw² near 1e309 / λ.
        JsonNode s = diverged("{\"learningRate\":100,\"l2\":0.03,\"step\":5000}", 5000);
        String id = s.get("id").asText();
        TestServer.Response r = server.postJson("/api/runs/" + id + "/hyperparameters", "{\"l2\":10}");
        if (r.status() == 400) {
            assertEquals("l2", r.json().get("field").asText(), r.body());
            assertEquals(s, server.run(id), "a refused change leaves the run as it was");
        } else {
            Nodes.assertAllFinite(r.body(), TestServer.ok(r));
        }
        for (String path : new String[] {"", "/history", "/weights/0/0", "/weights/0/2", "/examples/0"}) {
            finite(server.get("/api/runs/" + id + path));
        }
    }

    @Test
    void stepping_a_diverged_run_is_409_and_leaves_it_as_it_was() {
        JsonNode s = diverged(DIVERGING, 200);
        String id = s.get("id").asText();
        for (String body : new String[] {null, "{}", "{\"count\":1}", "{\"count\":50}"}) {
            TestServer.Response r = server.postJson("/api/runs/" + id + "/step", body);
            assertEquals(409, r.status(), r.body());
            assertTrue(r.contentType().startsWith("application/json"));
            assertEquals("step", r.json().get("field").asText());
            assertFalse(r.json().get("error").asText().isBlank());
            assertEquals(s, server.run(id), "unchanged after " + body);
        }
    }

    @Test
    void a_run_that_diverges_while_stepping_answers_200_with_status_diverged_then_409() {
        JsonNode s = server.createRun("{\"learningRate\":100,\"l2\":10}");
        String id = s.get("id").asText();
        TestServer.Response r = server.postJson("/api/runs/" + id + "/step", "{\"count\":500}");
        JsonNode stepped = finite(r);
        assertEquals("diverged", stepped.get("status").asText());
        assertTrue(stepped.get("step").asLong() < 500);
        assertEquals(409, server.postJson("/api/runs/" + id + "/step", null).status());
    }

    @Test
    void a_diverged_run_recovers_by_reset_by_seeking_back_or_by_lowering_the_learning_rate() {
        JsonNode s = diverged(DIVERGING, 200);
        String id = s.get("id").asText();
        long last = s.get("step").asLong();

        JsonNode back = finite(server.postJson("/api/runs/" + id + "/seek", "{\"step\":" + (last - 3) + "}"));
        assertEquals("ok", back.get("status").asText());
        assertEquals(last - 3, back.get("step").asLong());
        assertEquals(200, server.postJson("/api/runs/" + id + "/step", null).status());

        JsonNode again = finite(server.postJson("/api/runs/" + id + "/step", "{\"count\":100}"));
        assertEquals("diverged", again.get("status").asText());
        Nodes.assertSameStateApartFromId(s, again);

        JsonNode reset = finite(server.postJson("/api/runs/" + id + "/reset", null));
        assertEquals("ok", reset.get("status").asText());
        assertEquals(0, reset.get("step").asLong());

        JsonNode rediverged = finite(server.postJson("/api/runs/" + id + "/seek", "{\"step\":200}"));
        assertEquals("diverged", rediverged.get("status").asText());
        JsonNode tamed = finite(server.postJson("/api/runs/" + id + "/hyperparameters",
                "{\"learningRate\":0.001,\"l2\":0}"));
        assertEquals("ok", tamed.get("status").asText());
        JsonNode stepped = finite(server.postJson("/api/runs/" + id + "/step", null));
        assertEquals(last + 1, stepped.get("step").asLong());
        assertEquals("ok", stepped.get("status").asText());
    }
}
