package org.logitlab.web.robust;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.web.Settings;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose updates blow up stops at its last finite state, and nothing the server says about it, in JSON or
 * in HTML, contains a non-finite number.
 */
class DivergedRunTest {
    static final String EXPLODING = "{\"dataset\":{\"name\":\"xor\"},\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\","
            + "\"x1*x2\"],\"learningRate\":100,\"l2\":10,\"step\":200}";

    @TempDir
    static Path dataDir;
    static AppUnderTest server;
    static String id;
    static String state;

    @BeforeAll
    static void start() {
        server = AppUnderTest.start(Settings.forTests(dataDir));
        JsonNode created = server.create(EXPLODING);
        assertEquals("diverged", created.get("status").asText(), created::toString);
        assertFinite("POST /api/runs", created.toString());
        id = created.get("id").asText();
        state = created.get("permalink").asText().substring(2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertFinite(String request, String body) {
        for (String word : List.of("NaN", "Infinity")) {
            assertFalse(body.contains(word), () -> request + " shows " + word + ": " + ResponseContract.abbreviate(
                    body.substring(Math.max(0, body.indexOf(word) - 300))));
        }
    }

    private static void assertFinite(String request, HttpResponse<String> r) {
        ResponseContract.check(request, r);
        assertFinite(request, r.body());
    }

    @Test
    void the_api_reads_of_a_diverged_run_show_only_finite_numbers() {
        for (String path : List.of("", "/history", "/history?from=150", "/dataset", "/examples/0", "/examples/3",
                "/weights/0/0", "/weights/0/4", "/weights/0/5")) {
            HttpResponse<String> r = server.get("/api/runs/" + id + path);
            assertEquals(200, r.statusCode(), () -> path + " " + r.body());
            assertFinite("GET /api/runs/{id}" + path, r);
        }
        assertEquals("diverged", server.api("/api/runs/" + id).get("status").asText());
    }

    @Test
    void stepping_a_diverged_run_is_a_409_that_leaves_it_as_it_was() {
        String before = server.api("/api/runs/" + id).toString();
        HttpResponse<String> r = server.postJson("/api/runs/" + id + "/step", "{\"count\":5}");
        assertEquals(409, r.statusCode(), r::body);
        assertFinite("POST /api/runs/{id}/step", r);
        assertEquals(before, server.api("/api/runs/" + id).toString());
    }

    @Test
    void a_fresh_diverging_run_moved_about_shows_only_finite_numbers() {
        String other = server.create(EXPLODING).get("id").asText();
        for (String[] call : new String[][] {{"seek", "{\"step\":3}"}, {"step", "{\"count\":500}"},
                {"hyperparameters", "{\"learningRate\":100,\"l2\":10}"}, {"reset", ""}, {"seek", "{\"step\":400}"}}) {
            HttpResponse<String> r = server.postJson("/api/runs/" + other + "/" + call[0], call[1]);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, () -> call[0] + " " + r.body());
            assertFinite("POST /api/runs/{id}/" + call[0] + " " + call[1], r);
        }
    }

    @Test
    void the_page_of_a_diverged_run_shows_only_finite_numbers() {
        HttpResponse<String> page = server.get("/?" + state, "Accept", "text/html");
        assertEquals(200, page.statusCode(), page::body);
        assertFinite("GET its permalink", page);
        Map<String, String> ref = AppUnderTest.runref(page.body());

        for (String action : List.of("step", "back", "tune", "seek")) {
            HttpResponse<String> r = server.postForm("/lab/" + action, Map.of("run", ref.get("run"),
                    "state", ref.get("state"), "inspect", "w:0,0", "count", "3", "to", "250",
                    "learningRate", "100", "l2", "10"), "HX-Request", "true", "Accept", "text/html");
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, () -> action + " " + r.body());
            assertFinite("POST /lab/" + action + " (htmx)", r);
        }
        String query = "?" + AppUnderTest.param("run", ref.get("run")) + "&" + AppUnderTest.param("state",
                ref.get("state"));
        for (String get : List.of("/lab/inspect" + query + "&inspect=w:0,0", "/lab/inspect" + query + "&inspect=x:0",
                "/lab/export/weights.json" + query, "/lab/export/history.csv" + query,
                "/lab/export/plot.svg" + query)) {
            HttpResponse<String> r = server.get(get, "HX-Request", "true");
            assertEquals(200, r.statusCode(), () -> get + " " + r.body());
            assertFinite("GET " + get, r);
        }
    }
}
