package org.logitlab.web.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

/**
 * Replays of many steps go to a pool of their own, taken from the clients' queues in turn: they never hold the
 * capacity that single steps need, and one client's pile of them is refused past its share.
 */
@Tag("slow")
class HeavyWorkTest extends ServerTest {
    /** 5000 points, 8 classes, 7 features: 850 000 units a step, so a seek to step 600 is about a second of work. */
    private static final String LARGEST = "\"dataset\":{\"n\":5000},\"classes\":8,"
            + "\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\",\"x1*x2\",\"sin(x1)\",\"sin(x2)\"]";

    @Test
    void single_steps_are_answered_while_another_page_seeks_far_and_a_fifth_seek_of_that_client_is_refused()
            throws Exception {
        List<CompletableFuture<Response>> seeks = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            String id = server.createRun("{" + LARGEST + "}").get("id").asText();
            seeks.add(CompletableFuture.supplyAsync(() -> server.htmxPost("/lab/seek",
                    Map.of("run", id, "state", "", "to", "600"))));
        }
        String student = server.createRun("{\"dataset\":{\"n\":200}}").get("id").asText();
        for (int i = 0; i < 10; i++) {
            Response step = server.htmxPost("/lab/step", Map.of("run", student, "state", ""));
            assertEquals(200, step.status(), step::body);
        }
        long seeksDone = seeks.stream().filter(CompletableFuture::isDone).count();
        assertTrue(seeksDone < 4, "ten single steps waited for four seeks of about a second each");
        assertEquals(10, server.api("/api/runs/" + student).get("step").asLong());

        Response fifth = server.postJson("/api/runs", "{" + LARGEST + ",\"step\":600}");
        assertEquals(429, fifth.status(), fifth::body);
        assertEquals("request", TestServer.json(fifth.body()).get("field").asText());

        for (CompletableFuture<Response> seek : seeks) {
            Response r = seek.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r::body);
            assertTrue(r.body().contains(">600</strong>"), "each seek ends at step 600");
        }
    }
}
