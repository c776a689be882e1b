package org.logitlab.web.robust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent step requests are applied one after another: however they interleave, a run stepped n times in
 * parallel equals the same run created at step n.
 */
class ConcurrentSteppingTest extends ServerTest {
    @Test
    void sixteen_threads_stepping_one_run_fifty_times_each_reach_step_800_exactly_as_a_replay()
            throws Exception {
        String config = "\"dataset\":{\"name\":\"spiral\",\"n\":120,\"seed\":4},\"classes\":3,"
                + "\"features\":[\"x1\",\"x2\",\"sin(x1)\",\"sin(x2)\"],\"optimizer\":\"sgd\",\"learningRate\":0.2";
        String id = server.createRun("{" + config + "}").get("id").asText();

        List<Integer> statuses = inParallel(16, thread -> {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                seen.add(step(id).status());
            }
            return seen;
        });
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses::toString);

        JsonNode stepped = server.api("/api/runs/" + id);
        assertEquals(800, stepped.get("step").asLong());
        assertSameState(server.createRun("{" + config + ",\"step\":800}"), stepped);
    }

    @Test
    void eight_runs_each_stepped_by_eight_threads_equal_their_replays() throws Exception {
        List<String> configs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] optimizers = {"batch", "sgd", "minibatch"};
        for (int r = 0; r < 8; r++) {
            String config = "\"dataset\":{\"name\":\"blobs\",\"n\":80,\"seed\":" + r + "},\"classes\":" + (2 + r % 4)
                    + ",\"parameterization\":\"softmax\",\"optimizer\":\"" + optimizers[r % 3]
                    + "\",\"batchSize\":6,\"learningRate\":0.3,\"seed\":" + r;
            configs.add(config);
            ids.add(server.createRun("{" + config + "}").get("id").asText());
        }

        List<Integer> statuses = inParallel(64, thread -> {
            String id = ids.get(thread % 8);
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seen.add(step(id).status());
            }
            return seen;
        });
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses::toString);

        for (int r = 0; r < 8; r++) {
            JsonNode stepped = server.api("/api/runs/" + ids.get(r));
            assertEquals(80, stepped.get("step").asLong(), "run " + r);
            assertSameState(server.createRun("{" + configs.get(r) + ",\"step\":80}"), stepped);
        }
    }

    @Test
    void every_htmx_step_answer_carries_chart_rows_up_to_its_own_step_counter_and_no_further() throws Exception {
        String id = server.createRun("{\"dataset\":{\"n\":100}}").get("id").asText();
        List<Integer> problems = inParallel(8, thread -> {
            List<Integer> bad = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Response r = server.htmxPost("/lab/step", Map.of("run", id, "state", ""));
                Document doc = Jsoup.parse(r.body());
                long counter = Long.parseLong(doc.selectFirst("[data-testid=step-count]").text());
                JsonNode rows = TestServer.json(doc.getElementById("chart-feed").attr("data-rows"));
                long last = rows.isEmpty() ? -1 : rows.get(rows.size() - 1).get(0).asLong();
                if (r.status() != 200 || last != counter) {
                    bad.add((int) counter);
                }
            }
            return bad;
        });
        assertTrue(problems.isEmpty(), "answers whose chart rows end elsewhere than their step: " + problems);
        assertEquals(200, server.api("/api/runs/" + id).get("step").asLong());
    }

    @Test
    void two_hyperparameter_changes_at_once_are_both_kept() throws Exception {
        for (int trial = 0; trial < 60; trial++) {
            String id = server.createRun("{\"dataset\":{\"n\":40},\"step\":3}").get("id").asText();
            double rate = 0.5 + trial;
            double l2 = 0.01 * (trial + 1);
            List<Integer> statuses = inParallel(2, thread -> List.of(server.postJson("/api/runs/" + id
                    + "/hyperparameters", thread == 0 ? "{\"learningRate\":" + rate + "}" : "{\"l2\":" + l2 + "}")
                    .status()));
            assertEquals(List.of(200, 200), statuses);
            JsonNode state = server.api("/api/runs/" + id);
            assertEquals(rate, state.get("learningRate").asDouble(), 0.0, "trial " + trial + " lost η");
            assertEquals(l2, state.get("l2").asDouble(), 0.0, "trial " + trial + " lost λ");
        }
    }

    private static Response step(String id) {
        Response r = server.postJson("/api/runs/" + id + "/step", "{\"count\":1}");
        ResponseContract.check("POST /api/runs/" + id + "/step", r);
        return r;
    }

    private static void assertSameState(JsonNode replay, JsonNode stepped) {
        for (String field : List.of("step", "status", "weights", "biases", "gradient", "loss", "accuracy",
                "permalink")) {
            assertEquals(replay.get(field), stepped.get(field), field + " differs from the replay");
        }
    }

    /** Runs {@code threads} copies of the task at once (released together) and gathers what they saw. */
    private static List<Integer> inParallel(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Integer>> c = () -> {
                    go.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Task {
        List<Integer> run(int thread) throws Exception;
    }
}
