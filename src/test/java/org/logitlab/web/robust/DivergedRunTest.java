package org.logitlab.web.robust;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose updates blow up stops at its last finite state, and nothing the server says about it, in JSON or
 * in HTML, contains a non-finite number.
 */
class DivergedRunTest extends ServerTest {
    static final String EXPLODING = "{\"dataset\":{\"name\":\"xor\"},\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\","
            + "\"x1*x2\"],\"learningRate\":100,\"l2\":10,\"step\":200}";

    static String id;
    static String state;

    @BeforeAll
    static void createDivergedRun() {
        JsonNode created = server.createRun(EXPLODING);
        assertEquals("diverged", created.get("status").asText(), created::toString);
        assertFinite("POST /api/runs", created.toString());
        id = created.get("id").asText();
        state = created.get("permalink").asText().substring(2);
    }

    private static void assertFinite(String request, String body) {
        for (String word : List.of("NaN", "Infinity")) {
            assertFalse(body.contains(word), () -> request + " shows " + word + ": " + ResponseContract.abbreviate(
                    body.substring(Math.max(0, body.indexOf(word) - 300))));
        }
    }

    private static void assertFinite(String request, Response r) {
        ResponseContract.check(request, r);
        assertFinite(request, r.body());
    }

    @Test
    void the_api_reads_of_a_diverged_run_show_only_finite_numbers() {
        for (String path : List.of("", "/history", "/history?from=150", "/dataset", "/examples/0", "/examples/3",
                "/weights/0/0", "/weights/0/4", "/weights/0/5")) {
            Response r = server.get("/api/runs/" + id + path);
            assertEquals(200, r.status(), () -> path + " " + r.body());
            assertFinite("GET /api/runs/{id}" + path, r);
        }
        assertEquals("diverged", server.api("/api/runs/" + id).get("status").asText());
    }

    @Test
    void stepping_a_diverged_run_is_a_409_that_leaves_it_as_it_was() {
        String before = server.api("/api/runs/" + id).toString();
        Response r = server.postJson("/api/runs/" + id + "/step", "{\"count\":5}");
        assertEquals(409, r.status(), r::body);
        assertFinite("POST /api/runs/{id}/step", r);
        assertEquals(before, server.api("/api/runs/" + id).toString());
    }

    @Test
    void a_fresh_diverging_run_moved_about_shows_only_finite_numbers() {
        String other = server.createRun(EXPLODING).get("id").asText();
        for (String[] call : new String[][] {{"seek", "{\"step\":3}"}, {"step", "{\"count\":500}"},
                {"hyperparameters", "{\"learningRate\":100,\"l2\":10}"}, {"reset", ""}, {"seek", "{\"step\":400}"}}) {
            Response r = server.postJson("/api/runs/" + other + "/" + call[0], call[1]);
            assertTrue(r.status() == 200 || r.status() == 409, () -> call[0] + " " + r.body());
            assertFinite("POST /api/runs/{id}/" + call[0] + " " + call[1], r);
        }
    }

    @Test
    void the_page_of_a_diverged_run_shows_only_finite_numbers() {
        Response page = server.get("/?" + state, "Accept", "text/html");
        assertEquals(200, page.status(), page::body);
        assertFinite("GET its permalink", page);
        Lab ref = Lab.of(page.body());

        for (String action : List.of("step", "back", "tune", "seek")) {
            Response r = server.htmxPost("/lab/" + action, ref.form("inspect", "w:0,0", "count", "3", "to", "250",
                    "learningRate", "100", "l2", "10"));
            assertTrue(r.status() == 200 || r.status() == 409, () -> action + " " + r.body());
            assertFinite("POST /lab/" + action + " (htmx)", r);
        }
        String query = "?" + ref.runQuery();
        for (String get : List.of("/lab/inspect" + query + "&inspect=w:0,0", "/lab/inspect" + query + "&inspect=x:0",
                "/lab/export/weights.json" + query, "/lab/export/history.csv" + query,
                "/lab/export/plot.svg" + query)) {
            Response r = server.get(get, "HX-Request", "true");
            assertEquals(200, r.status(), () -> get + " " + r.body());
            assertFinite("GET " + get, r);
        }
    }
}
