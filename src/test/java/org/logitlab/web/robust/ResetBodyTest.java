package org.logitlab.web.robust;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/runs/{id}/reset} takes no fields. It should say so for a body that has some, as every other
 * action does; and a body it leaves unread must not break the keep-alive connection it came on.
 */
class ResetBodyTest extends ServerTest {
    static String id;

    @BeforeAll
    static void createRun() {
        id = server.createRun("{\"dataset\":{\"n\":20}}").get("id").asText();
    }

    @Test
    void reset_with_an_unknown_field_is_a_400_like_every_other_action() {
        Response r = server.postJson("/api/runs/" + id + "/reset", "{\"count\":1}");
        assertEquals(400, r.status(), r::body);
        ResponseContract.check("POST reset {\"count\":1}", r);
        assertEquals("count", TestServer.json(r.body()).get("field").asText());
    }

    @Test
    void requests_after_resets_with_a_body_on_the_same_connection_all_get_answers() {
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < 1000 && lost.size() < 5; i++) {
            try {
                server.postJson("/api/runs/" + id + "/reset", "{\"count\":1}");
                server.postJson("/api/runs/" + id + "/step", "{\"count\":1}");
            } catch (UncheckedIOException e) {
                lost.add("#" + i + ": " + e.getCause());
            }
        }
        assertTrue(lost.isEmpty(), () -> lost.size() + " requests found their connection closed under them: " + lost);
    }
}
