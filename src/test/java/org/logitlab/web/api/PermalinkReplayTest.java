package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/**
 * A run's permalink rebuilds it exactly: opening it as a page creates a run whose state equals the original,
 * bit for bit, before and after a server restart.
 */
class PermalinkReplayTest extends ServerTest {

    /** The permalink's query parameters, decoded; each name at most once. */
    private static Map<String, String> query(String permalink) {
        assertTrue(permalink.startsWith("/?"), permalink);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : permalink.substring(2).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String previous = out.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            assertNull(previous, name + " twice in " + permalink);
        }
        return out;
    }

    /** Opens the permalink as a browser would (a plain GET of the page) and reads the run the page made. */
    private static JsonNode open(String permalink) {
        return open(server, permalink);
    }

    private static JsonNode open(TestServer on, String permalink) {
        TestServer.Response page = on.get(permalink, "Accept", "text/html");
        assertEquals(200, page.status(), () -> "GET " + permalink + ": " + complaint(page.body()));
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        Element lab = Jsoup.parse(page.body()).selectFirst("main#lab");
        assertNotNull(lab, "the page has <main id=\"lab\">");
        String id = lab.attr("data-run");
        assertTrue(id.matches("[0-9a-f]{32}"), "data-run=" + id);
        return on.run(id);
    }

    /** What a page that refused its parameters says, and about which field. */
    private static String complaint(String html) {
        Element message = Jsoup.parse(html).getElementById("message");
        return message == null ? html : message.attr("data-field") + ": " + message.text();
    }

    private static void assertReplays(JsonNode original) {
        assertReplays(server, original);
    }

    private static void assertReplays(TestServer on, JsonNode original) {
        JsonNode replay = open(on, original.get("permalink").asText());
        assertNotEquals(original.get("id"), replay.get("id"), "a new run");
        Nodes.assertSameStateApartFromId(original, replay);
    }

    private static JsonNode step(JsonNode run, int count) {
        return step(server, run, count);
    }

    private static JsonNode step(TestServer on, JsonNode run, int count) {
        return TestServer.ok(on.postJson("/api/runs/" + run.get("id").asText() + "/step", "{\"count\":" + count + "}"));
    }

    /** 300 points on a seeded grid with many decimals: far over the 1500 characters a permalink carries inline. */
    static String manyPoints() {
        SplittableRandom random = new SplittableRandom(99);
        StringJoiner points = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 300; i++) {
            double x1 = random.nextDouble(-6, 6);
            double x2 = random.nextDouble(-6, 6);
            points.add("[" + x1 + "," + x2 + "," + (x1 * x2 > 0 ? 1 : 0) + "]");
        }
        return points.toString();
    }

    @Test
    void a_batch_run_after_some_steps_replays_bit_for_bit() {
        JsonNode run = step(server.createRun("{\"dataset\":{\"name\":\"moons\",\"n\":150,\"noise\":0.25,\"seed\":8},"
                + "\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\"],\"learningRate\":0.15,\"l2\":0.003}"), 77);
        Map<String, String> q = query(run.get("permalink").asText());
        assertEquals("77", q.get("step"));
        assertEquals("moons", q.get("dataset"));
        assertReplays(run);
    }

    @Test
    void a_run_after_a_hyperparameter_change_replays_bit_for_bit() {
        JsonNode run = step(server.createRun("{\"classes\":3,\"learningRate\":0.2,\"init\":\"random\"}"), 30);
        String id = run.get("id").asText();
        TestServer.ok(server.postJson("/api/runs/" + id + "/hyperparameters", "{\"learningRate\":0.9,\"l2\":0.3}"));
        JsonNode later = step(run, 25);
        TestServer.ok(server.postJson("/api/runs/" + id + "/hyperparameters", "{\"learningRate\":0.01}"));
        later = step(later, 5);
        assertEquals(60, later.get("step").asLong());
        assertEquals(0.01, later.get("learningRate").doubleValue());
        assertEquals("60", query(later.get("permalink").asText()).get("step"));
        assertReplays(later);
        // Back between the two changes: the permalink still carries both.
        JsonNode between = TestServer.ok(server.postJson("/api/runs/" + id + "/seek", "{\"step\":41}"));
        assertEquals(0.9, between.get("learningRate").doubleValue());
        assertReplays(between);
    }

    @Test
    void a_run_on_inline_custom_points_with_random_init_replays_bit_for_bit() {
        JsonNode run = step(server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":"
                + ApiMathTest.SOFTMAX_POINTS + "},\"classes\":3,\"init\":\"random\",\"seed\":123,"
                + "\"features\":[\"x1\",\"sin(x1)\",\"x1*x2\"],\"learningRate\":0.4}"), 19);
        Map<String, String> q = query(run.get("permalink").asText());
        assertEquals("custom", q.get("dataset"));
        assertFalse(q.get("points").startsWith("@"), "nine points travel inline: " + q.get("points"));
        assertEquals("random", q.get("init"));
        assertReplays(run);
    }

    @Test
    void a_run_with_explicit_starting_weights_replays_bit_for_bit() {
        JsonNode run = server.createRun("{\"init\":{\"weights\":[[0.1,-0.30000000000000004]],\"biases\":[1e-9]},"
                + "\"step\":11}");
        assertReplays(run);
        JsonNode reset = TestServer.ok(server.postJson("/api/runs/" + run.get("id").asText() + "/reset", null));
        assertArrayEquals(new double[] {0.1, -0.30000000000000004}, Nodes.vector(reset.at("/weights/0")));
    }

    @Test
    void sgd_and_minibatch_runs_with_a_test_split_replay_bit_for_bit() {
        for (String optimizer : List.of("sgd", "minibatch")) {
            JsonNode run = step(server.createRun("{\"dataset\":{\"name\":\"spiral\",\"n\":90,\"seed\":5},"
                    + "\"classes\":3,\"optimizer\":\"" + optimizer + "\",\"batchSize\":7,\"testFraction\":0.3,"
                    + "\"seed\":42,\"init\":\"random\",\"learningRate\":0.25,\"l2\":0.02}"), 143);
            assertTrue(run.at("/loss/test").isNumber());
            assertReplays(run);
        }
    }

    @Test
    void a_large_custom_set_travels_by_its_sha256_and_replays_bit_for_bit() {
        String points = manyPoints();
        assertTrue(points.length() > 1500);
        JsonNode run = step(server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + points + "},"
                + "\"features\":[\"x1\",\"x2\",\"x1*x2\"],\"optimizer\":\"minibatch\",\"batchSize\":32,"
                + "\"testFraction\":0.2,\"learningRate\":0.3}"), 40);
        String permalink = run.get("permalink").asText();
        assertTrue(query(permalink).get("points").matches("@[0-9a-f]{64}"), permalink);
        assertTrue(permalink.length() < 1500, permalink.length() + " characters");
        assertReplays(run);
    }

    @Test
    void permalinks_rebuild_the_same_runs_after_a_restart_on_the_same_data_directory(@TempDir Path ownDir) {
        try (TestServer own = TestServer.start(ownDir)) {
            List<JsonNode> originals = new ArrayList<>();
            originals.add(step(own, own.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":"
                    + manyPoints() + "},\"optimizer\":\"sgd\",\"testFraction\":0.1,\"init\":\"random\"}"), 90));
            assertTrue(query(originals.get(0).get("permalink").asText()).get("points").startsWith("@"));
            JsonNode tuned = step(own, own.createRun("{\"dataset\":{\"name\":\"circles\",\"n\":70},"
                    + "\"classes\":2,\"features\":[\"x1^2\",\"x2^2\"],\"learningRate\":0.05}"), 20);
            TestServer.ok(own.postJson("/api/runs/" + tuned.get("id").asText() + "/hyperparameters",
                    "{\"learningRate\":0.5,\"l2\":0.1}"));
            originals.add(step(own, tuned, 20));
            originals.add(own.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":"
                    + ApiMathTest.SIGMOID_POINTS + "},\"init\":{\"weights\":[[0.5,-2]],\"biases\":[0.75]},"
                    + "\"step\":9}"));

            own.restart();

            for (JsonNode original : originals) {
                String id = original.get("id").asText();
                assertEquals(404, own.get("/api/runs/" + id).status(), "live runs do not survive a restart");
                assertReplays(own, original);
            }
        }
    }

    @Test
    void opening_a_permalink_twice_makes_two_runs_with_one_state() {
        JsonNode run = server.createRun("{\"optimizer\":\"sgd\",\"step\":15,\"init\":\"random\"}");
        JsonNode first = open(run.get("permalink").asText());
        JsonNode second = open(run.get("permalink").asText());
        assertNotEquals(first.get("id"), second.get("id"));
        Nodes.assertSameStateApartFromId(first, second);
    }

    @Test
    void a_replayed_run_has_the_same_data_points_bit_for_bit() {
        JsonNode run = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":[[-0.0,1,0],[0.1,-0.0,1],"
                + "[1e-300,-5.999999999999999,1],[0.30000000000000004,2,0]]},\"step\":3}");
        JsonNode replay = open(run.get("permalink").asText());
        double[][] original = Nodes.matrix(TestServer.ok(server.get("/api/runs/" + run.get("id").asText()
                + "/dataset")).get("points"));
        double[][] replayed = Nodes.matrix(TestServer.ok(server.get("/api/runs/" + replay.get("id").asText()
                + "/dataset")).get("points"));
        assertEquals(original.length, replayed.length);
        for (int i = 0; i < original.length; i++) {
            assertArrayEquals(original[i], replayed[i], "point " + i);
        }
    }

    @Test
    void a_run_stepped_as_far_as_the_api_lets_it_still_has_a_permalink_that_replays() {
        JsonNode run = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":[[1,1,1]]},"
                + "\"features\":[\"x1\"],\"learningRate\":0.01,\"step\":100000}");
        String id = run.get("id").asText();
        // One step past the largest step a permalink or a seek may name: refused, or the permalink still works.
        TestServer.Response r = server.postJson("/api/runs/" + id + "/step", "{\"count\":1}");
        assertTrue(r.status() == 200 || r.status() == 400 || r.status() == 409, r.body());
        assertReplays(server.run(id));
    }

    @Test
    void the_permalink_of_a_diverged_run_rebuilds_its_weights_and_its_diverged_status() {
        JsonNode run = server.createRun(ApiDivergenceTest.DIVERGING);
        assertEquals("diverged", run.get("status").asText());
        JsonNode replay = open(run.get("permalink").asText());
        Nodes.assertSameParameters(run, replay);
        assertEquals(run.get("step"), replay.get("step"));
        assertEquals("diverged", replay.get("status").asText(), "status of the replay");
    }
}
