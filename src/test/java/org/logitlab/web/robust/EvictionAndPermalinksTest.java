package org.logitlab.web.robust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.Await;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;
import org.logitlab.web.run.RunSpec;
import org.logitlab.web.run.RunSpecReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store keeps live runs up to a budget in bytes; a run that falls out is not lost, because its permalink
 * rebuilds it bit for bit, which needs every run to keep a permalink the server can open. Caffeine evicts
 * on a background thread, so what is live is polled until it settles, up to a deadline.
 */
@Tag("slow") // a server per test, hundreds of runs and tunings: about 5 s
class EvictionAndPermalinksTest {
    private static final int MAX_RUNS = 5;

    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Room for {@link #MAX_RUNS} runs of 30 points at step 19, weighed as the store weighs them. */
    private static final long ROOM_FOR_FIVE = MAX_RUNS * weightOf("{\"dataset\":{\"n\":30},\"step\":19}");
    private static final long ROOM_FOR_ALL = 1L << 30;

    private TestServer start(long runMemoryBytes) {
        server = TestServer.start(Settings.forTests(dataDir).withRunMemoryBytes(runMemoryBytes));
        return server;
    }

    private static long weightOf(String body) {
        RunSpec spec = RunSpecReader.fromJson(TestServer.json(body));
        TrainingRun run = new TrainingRun(spec.config());
        run.goTo(spec.step());
        return run.footprintBytes();
    }

    @Test
    void twenty_runs_in_a_store_with_room_for_five_leave_at_most_five_live_and_the_newest_usable() {
        start(ROOM_FOR_FIVE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(server.createRun("{\"dataset\":{\"n\":30,\"seed\":" + i + "},\"step\":19}").get("id").asText());
        }
        String newest = ids.get(ids.size() - 1);
        assertEquals(200, server.postJson("/api/runs/" + newest + "/step", "{}").status(),
                "the run just created was evicted at once");

        awaitAtMostMaxRunsLive(ids);
        for (String id : ids) {
            Response r = server.get("/api/runs/" + id);
            assertTrue(r.status() == 200 || r.status() == 404, r::body);
            ResponseContract.check("GET /api/runs/" + id, r);
        }
    }

    /** Polls until at most {@code MAX_RUNS} of these runs (all this server has made) are live. */
    private void awaitAtMostMaxRunsLive(List<String> ids) {
        long[] live = {ids.size()};
        Await.until(Duration.ofSeconds(10), () -> {
            live[0] = ids.stream().filter(id -> server.get("/api/runs/" + id).status() == 200).count();
            return live[0] <= MAX_RUNS;
        }, () -> live[0] + " runs are live in a store with room for " + MAX_RUNS);
    }

    @Test
    void an_evicted_run_is_rebuilt_bit_for_bit_from_its_permalink() {
        start(ROOM_FOR_FIVE);
        JsonNode first = server.createRun("{\"dataset\":{\"name\":\"moons\",\"n\":60,\"noise\":0.25,\"seed\":9},"
                + "\"features\":[\"x1\",\"x2\",\"x1*x2\",\"sin(x1)\"],\"optimizer\":\"minibatch\",\"batchSize\":7,"
                + "\"learningRate\":0.7,\"l2\":0.003,\"testFraction\":0.25,\"seed\":11,\"init\":\"random\","
                + "\"step\":37}");
        String id = first.get("id").asText();
        JsonNode tuned = server.postJson("/api/runs/" + id + "/hyperparameters", "{\"learningRate\":0.3,\"l2\":0.01}")
                .json();
        JsonNode before = server.postJson("/api/runs/" + id + "/step", "{\"count\":13}").json();
        assertEquals(50, before.get("step").asLong(), tuned::toString);

        // More runs until the store has evicted it (how many it takes is up to Caffeine's admission policy),
        // then until it has evicted all it will, so that the rebuilt run is not evicted as it is made.
        List<String> ids = new ArrayList<>(List.of(id));
        Await.until(Duration.ofSeconds(10), () -> {
            for (int j = 0; j < MAX_RUNS; j++) {
                ids.add(server.createRun("{\"dataset\":{\"n\":10,\"seed\":" + (100 + ids.size()) + "}}")
                        .get("id").asText());
            }
            return server.get("/api/runs/" + id).status() == 404;
        }, () -> "the run was never evicted, after " + (ids.size() - 1) + " more runs");
        awaitAtMostMaxRunsLive(ids);

        JsonNode rebuilt = server.run(server.open(before.get("permalink").asText().substring(2)).id());
        for (String field : List.of("step", "status", "learningRate", "l2", "weights", "biases", "gradient", "gradientNorm", "loss", "accuracy",
                "permalink")) {
            assertEquals(before.get(field), rebuilt.get(field), field + " differs after the rebuild");
        }
    }

    @Test
    void a_run_stepped_to_the_last_step_keeps_a_permalink_that_rebuilds_it() {
        start(ROOM_FOR_ALL);
        String id = server.createRun("{\"dataset\":{\"n\":20},\"step\":99998}").get("id").asText();
        for (int i = 0; i < 2; i++) {
            Response r = server.postJson("/api/runs/" + id + "/step", "{\"count\":5}");
            // Either a step stops at the last step a permalink can express, or it is refused.
            ResponseContract.check("POST step {\"count\":5} from step 99998", r);
        }
        JsonNode last = server.api("/api/runs/" + id);
        String permalink = last.get("permalink").asText();
        Response page = server.get(permalink, "Accept", "text/html");
        assertEquals(200, page.status(), () -> "the run is at step " + last.get("step") + " and its permalink "
                + permalink + " answers " + page.status());
        JsonNode rebuilt = server.run(Lab.of(page.body()).id());
        assertEquals(last.get("weights"), rebuilt.get("weights"));
        assertEquals(last.get("step"), rebuilt.get("step"));
    }

    @Test
    void a_run_tuned_many_times_keeps_a_permalink_the_server_can_open() {
        start(ROOM_FOR_ALL);
        String id = server.createRun("{\"dataset\":{\"n\":20}}").get("id").asText();
        JsonNode last = null;
        for (int i = 1; i <= 600; i++) {
            server.postJson("/api/runs/" + id + "/step", "{}");
            Response r = server.postJson("/api/runs/" + id + "/hyperparameters",
                    "{\"learningRate\":" + (0.1 + i * 1e-4) + "}");
            if (r.status() != 200) {
                ResponseContract.check("tuning #" + i, r);
                return; // a cap on schedule entries is as good as a permalink that always opens
            }
            last = r.json();
        }
        String permalink = last.get("permalink").asText();
        Response page = server.raw("GET", permalink, List.of("Accept: text/html"), new byte[0]);
        assertEquals(200, page.status(), "a permalink of " + permalink.length() + " characters answers "
                + page.status());
    }
}
