package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.TestServer;

/**
 * Two servers behind one balancer: an API client that sends {@code ?state=<the permalink of its last answer>}
 * continues its run on whichever server answers, under the same id, with the weights one server alone would
 * give, bit for bit.
 */
class ContinueOnAnyServerTest {
    private static final String CONFIG = """
            {"dataset": {"name": "spiral", "n": 150, "noise": 0.2, "seed": 4}, "classes": 3,
             "features": ["x1", "x2", "x1*x2", "sin(x1)"], "optimizer": "minibatch", "batchSize": 16,
             "learningRate": 0.5, "l2": 0.01, "testFraction": 0.2, "seed": 9, "init": "random"}""";

    @TempDir
    static Path sharedData;
    @TempDir
    static Path ownData;
    static TestServer a;
    static TestServer b;
    /** A server of its own, where the same run is only ever stepped: the reference. */
    static TestServer alone;

    @BeforeAll
    static void start() {
        a = TestServer.start(sharedData);
        b = TestServer.start(sharedData);
        alone = TestServer.start(ownData);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        alone.close();
    }

    private static String withState(String path, JsonNode answer) {
        return path + "?state=" + URLEncoder.encode(answer.get("permalink").asText(), StandardCharsets.UTF_8);
    }

    private static JsonNode step(TestServer on, JsonNode last, int count) {
        String id = last.get("id").asText();
        return TestServer.ok(on.postJson(withState("/api/runs/" + id + "/step", last), "{\"count\": " + count + "}"));
    }

    /** The reference run stepped to {@code step} on the server alone, by steps, never rebuilt. */
    private static JsonNode reference(int... counts) {
        JsonNode run = alone.createRun(CONFIG);
        for (int count : counts) {
            run = TestServer.ok(alone.postJson("/api/runs/" + run.get("id").asText() + "/step",
                    "{\"count\": " + count + "}"));
        }
        return run;
    }

    @Test
    void a_run_created_on_one_server_continues_on_another_with_the_same_weights_bit_for_bit() {
        JsonNode created = a.createRun(CONFIG);
        JsonNode onA = step(a, created, 7);
        JsonNode onB = step(b, onA, 5);

        assertEquals(created.get("id"), onB.get("id"), "the run keeps its id on the other server");
        assertEquals(12, onB.get("step").asInt());
        Nodes.assertSameStateApartFromId(reference(7, 5), onB);
    }

    @Test
    void a_server_holding_an_older_copy_of_the_run_rebuilds_it_from_the_state_sent() {
        JsonNode onA = step(a, a.createRun(CONFIG), 3);
        JsonNode onB = step(b, onA, 4);
        // A still holds the run at step 3; the client's state says step 7.
        JsonNode backOnA = step(a, onB, 1);

        assertEquals(8, backOnA.get("step").asInt());
        Nodes.assertSameStateApartFromId(reference(3, 4, 1), backOnA);
        // Without a state, A answers with the copy it now holds.
        assertEquals(8, a.run(onA.get("id").asText()).get("step").asInt());
    }

    @Test
    void every_run_route_takes_the_state_and_reads_the_same_numbers_on_either_server() {
        JsonNode onA = step(a, a.createRun(CONFIG), 6);
        String id = onA.get("id").asText();
        for (String route : new String[] {"", "/history", "/dataset", "/examples/3", "/weights/1/2"}) {
            JsonNode fromA = a.api(withState("/api/runs/" + id + route, onA));
            JsonNode fromB = b.api(withState("/api/runs/" + id + route, onA));
            assertEquals(fromA, fromB, route);
        }
        JsonNode seek = TestServer.ok(b.postJson(withState("/api/runs/" + id + "/seek", onA), "{\"step\": 2}"));
        Nodes.assertSameStateApartFromId(reference(2), seek);
        JsonNode tuned = TestServer.ok(b.postJson(withState("/api/runs/" + id + "/hyperparameters", seek),
                "{\"learningRate\": 0.05}"));
        JsonNode stepped = step(a, tuned, 3);

        JsonNode expected = reference(2);
        String path = "/api/runs/" + expected.get("id").asText();
        alone.postJson(path + "/hyperparameters", "{\"learningRate\": 0.05}");
        Nodes.assertSameStateApartFromId(TestServer.ok(alone.postJson(path + "/step", "{\"count\": 3}")), stepped);
    }

    @Test
    void without_a_state_another_server_knows_nothing_of_the_run() {
        JsonNode onA = a.createRun(CONFIG);
        assertEquals(404, b.get("/api/runs/" + onA.get("id").asText()).status());
    }

    @Test
    void a_bad_state_or_a_malformed_id_is_refused_naming_the_field() {
        JsonNode onA = a.createRun(CONFIG);
        TestServer.Response badState = b.postJson("/api/runs/" + onA.get("id").asText() + "/step?state="
                + URLEncoder.encode("/?dataset=blobs&classes=99", StandardCharsets.UTF_8), null);
        assertEquals(400, badState.status(), badState.body());
        assertEquals("state", badState.json().get("field").asText(), badState.body());
        assertTrue(badState.json().get("error").asText().startsWith("state: classes: "), badState.body());

        TestServer.Response empty = b.postJson("/api/runs/" + onA.get("id").asText() + "/step?state=", null);
        assertEquals(400, empty.status(), empty.body());
        assertEquals("state", empty.json().get("field").asText());

        TestServer.Response badId = b.postJson(withState("/api/runs/not-a-run-id/step", onA), null);
        assertEquals(404, badId.status(), badId.body());
        assertEquals("id", badId.json().get("field").asText());
    }
}
