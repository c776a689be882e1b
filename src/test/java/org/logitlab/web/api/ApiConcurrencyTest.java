package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/** Many clients at once over real HTTP: every step request is applied whole, and runs do not touch each other. */
class ApiConcurrencyTest extends ServerTest {
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Runs the tasks together (released at once by a latch) and returns their results in order. */
    private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void eight_threads_stepping_one_run_25_times_each_reach_step_200_equal_to_a_fresh_run_at_200() throws Exception {
        String body = "{\"dataset\":{\"n\":120},\"classes\":3,\"optimizer\":\"minibatch\",\"batchSize\":8,"
                + "\"testFraction\":0.2,\"init\":\"random\",\"learningRate\":0.3";
        String id = server.createRun(body + "}").get("id").asText();
        List<Callable<List<Long>>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(() -> {
                List<Long> steps = new ArrayList<>();
                for (int n = 0; n < 25; n++) {
                    TestServer.Response r = server.postJson("/api/runs/" + id + "/step", null);
                    assertEquals(200, r.status(), r.body());
                    steps.add(r.json().get("step").asLong());
                }
                return steps;
            });
        }
        Set<Long> answered = new TreeSet<>();
        for (List<Long> steps : together(threads)) {
            answered.addAll(steps);
        }
        // Each request moved the run by exactly one step and answered with the state it made.
        assertEquals(200, answered.size());
        assertEquals(1L, answered.iterator().next());
        JsonNode end = server.run(id);
        assertEquals(200, end.get("step").asLong());
        Nodes.assertSameStateApartFromId(server.createRun(body + ",\"step\":200}"), end);
        assertEquals(201, TestServer.ok(server.get("/api/runs/" + id + "/history")).get("steps").size());
    }

    @Test
    void many_runs_stepped_in_parallel_each_equal_their_own_replay() throws Exception {
        List<String> bodies = new ArrayList<>();
        String[] optimizers = {"batch", "sgd", "minibatch"};
        for (int r = 0; r < 12; r++) {
            bodies.add("{\"dataset\":{\"name\":\"" + List.of("blobs", "circles", "spiral").get(r % 3) + "\",\"n\":"
                    + (40 + r) + ",\"seed\":" + r + "},\"classes\":" + (2 + r % 3)
                    + ",\"parameterization\":\"softmax\","
                    + "\"optimizer\":\"" + optimizers[r % 3] + "\",\"batchSize\":" + (3 + r) + ",\"seed\":" + (100 + r)
                    + ",\"init\":\"random\",\"testFraction\":0.25,\"learningRate\":" + (0.05 * (r + 1)));
        }
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            ids.add(server.createRun(body + "}").get("id").asText());
        }
        // 10 requests of 4 steps for every run, shuffled so that runs interleave across the threads.
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            for (String id : ids) {
                requests.add(() -> server.postJson("/api/runs/" + id + "/step", "{\"count\":4}").status());
            }
        }
        Collections.shuffle(requests, new Random(7));
        for (int status : together(requests)) {
            assertEquals(200, status);
        }
        for (int r = 0; r < ids.size(); r++) {
            JsonNode live = server.run(ids.get(r));
            assertEquals(40, live.get("step").asLong(), bodies.get(r));
            Nodes.assertSameStateApartFromId(server.createRun(bodies.get(r) + ",\"step\":40}"), live);
        }
    }

    @Test
    void readers_during_stepping_always_see_a_whole_state_and_a_gapless_history() throws Exception {
        String id = server.createRun("{\"dataset\":{\"n\":100},\"optimizer\":\"sgd\",\"testFraction\":0.1}")
                .get("id").asText();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            tasks.add(() -> {
                for (int n = 0; n < 20; n++) {
                    assertEquals(200, server.postJson("/api/runs/" + id + "/step", "{\"count\":3}").status());
                }
                return 0;
            });
        }
        for (int reader = 0; reader < 4; reader++) {
            int which = reader;
            tasks.add(() -> {
                for (int n = 0; n < 25; n++) {
                    String path = switch ((which + n) % 3) {
                        case 0 -> "/history";
                        case 1 -> "/examples/" + (n % 100);
                        default -> "/weights/0/" + (n % 3);
                    };
                    TestServer.Response r = server.get("/api/runs/" + id + path);
                    if (r.status() != 200) {
                        problems.add(path + " -> " + r.status() + " " + r.body());
                    } else if (path.equals("/history")) {
                        JsonNode rows = r.json().get("steps");
                        for (int t = 0; t < rows.size(); t++) {
                            if (rows.get(t).get("step").asLong() != t) {
                                problems.add("history row " + t + " is step " + rows.get(t).get("step"));
                            }
                        }
                    }
                    JsonNode state = server.run(id);
                    if (!"ok".equals(state.get("status").asText()) || state.get("weights").size() != 1) {
                        problems.add("state " + state);
                    }
                }
                return 0;
            });
        }
        together(tasks);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(180, server.run(id).get("step").asLong());
        assertEquals(181, TestServer.ok(server.get("/api/runs/" + id + "/history")).get("steps").size());
    }
}
