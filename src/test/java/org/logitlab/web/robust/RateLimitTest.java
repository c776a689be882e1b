package org.logitlab.web.robust;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Run creation is limited per client per minute; everything else a client does with its runs is not. */
class RateLimitTest {
    @TempDir
    Path dataDir;
    private AppUnderTest server;

    @BeforeEach
    void start() {
        server = AppUnderTest.start(Settings.forTests(dataDir).withRunsPerMinute(3));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_fourth_creation_within_a_minute_is_a_429_and_the_runs_already_made_still_work() {
        String id = null;
        for (int i = 0; i < 3; i++) {
            id = server.create("{\"dataset\":{\"n\":20},\"step\":" + i + "}").get("id").asText();
        }
        HttpResponse<String> refused = server.postJson("/api/runs", "{}");
        assertEquals(429, refused.statusCode(), refused::body);
        ResponseContract.check("4th POST /api/runs", refused);
        JsonNode error = AppUnderTest.json(refused.body());
        assertFalse(error.get("error").asText().isBlank());

        assertEquals(200, server.get("/api/runs/" + id).statusCode());
        assertEquals(3, AppUnderTest.json(server.postJson("/api/runs/" + id + "/step", "{\"count\":1}").body())
                .get("step").asLong());
        assertEquals(0, server.api("/api/runs/" + id + "/history").get("steps").get(0).get("step").asLong());
        assertEquals(20, server.api("/api/runs/" + id + "/dataset").get("points").size());
        assertEquals(0, server.api("/api/runs/" + id + "/examples/0").get("index").asInt());

        String state = server.api("/api/runs/" + id).get("permalink").asText().substring(2);
        HttpResponse<String> pageStep = server.postForm("/lab/step", Map.of("run", id, "state", state, "count", "2"),
                "HX-Request", "true");
        assertEquals(200, pageStep.statusCode(), "stepping a live run from the page is not a creation");
        assertEquals(5, server.api("/api/runs/" + id).get("step").asLong());
        assertEquals(200, server.get("/static/lab.css").statusCode());
    }

    @Test
    void a_page_that_would_create_a_fourth_run_says_so_in_a_well_formed_429() {
        for (int i = 0; i < 3; i++) {
            server.create("{}");
        }
        for (String[] headers : new String[][] {{"Accept", "text/html"}, {"HX-Request", "true"}, {}}) {
            HttpResponse<String> r = server.get("/?dataset=moons", headers);
            assertEquals(429, r.statusCode());
            ResponseContract.check("GET /?dataset=moons", r);
        }
    }
}
