package org.logitlab.web.robust;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.LogitLabApp;
import org.logitlab.web.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit of the API, on both sides of its edge. */
class InputLimitsTest extends DefaultServerTest {
    private static void assertRejected(int status, String field, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r::body);
        ResponseContract.check("request for field " + field, r);
        assertEquals(field, AppUnderTest.json(r.body()).get("field").asText(), r::body);
    }

    @Test
    void five_thousand_points_are_allowed_and_one_more_is_not() {
        JsonNode data = server.api("/api/runs/" + server.create("{\"dataset\":{\"n\":5000}}").get("id").asText()
                + "/dataset");
        assertEquals(5000, data.get("points").size());
        assertRejected(400, "dataset.n", server.postJson("/api/runs", "{\"dataset\":{\"n\":5001}}"));
    }

    @Test
    void eight_classes_are_allowed_and_nine_are_not() {
        assertEquals(8, server.create("{\"classes\":8}").get("classes").asInt());
        assertRejected(400, "classes", server.postJson("/api/runs", "{\"classes\":9}"));
    }

    @Test
    void ten_thousand_steps_in_one_request_are_allowed_and_one_more_is_not() {
        String id = server.create("{\"dataset\":{\"n\":20}}").get("id").asText();
        HttpResponse<String> r = server.postJson("/api/runs/" + id + "/step", "{\"count\":10000}");
        assertEquals(200, r.statusCode(), r::body);
        assertEquals(10_000, AppUnderTest.json(r.body()).get("step").asLong());
        assertRejected(400, "count", server.postJson("/api/runs/" + id + "/step", "{\"count\":10001}"));
        assertEquals(10_000, server.api("/api/runs/" + id).get("step").asLong(), "a refused step moved the run");
    }

    static final String LARGEST = "{\"dataset\":{\"n\":5000},\"classes\":8,"
            + "\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\",\"x1*x2\",\"sin(x1)\",\"sin(x2)\"]";

    @Test
    void the_largest_run_stops_at_step_4117_and_a_permalink_beyond_it_is_refused_naming_step() {
        // 5000 points × (8 classes + 2) × (7 features + 10) = 850 000 a step: 3.5·10⁹ / 850 000 = 4117 steps.
        JsonNode run = server.create(LARGEST + "}");
        HttpResponse<String> beyond = server.postJson("/api/runs", LARGEST + ",\"step\":4118}");
        assertRejected(400, "step", beyond);
        assertTrue(AppUnderTest.json(beyond.body()).get("error").asText().contains("at most 4117"), beyond::body);
        assertRejected(400, "step", server.postJson("/api/runs/" + run.get("id").asText() + "/seek",
                "{\"step\":100000}"));
        assertEquals(100_000, server.create("{\"dataset\":{\"n\":20},\"step\":100000}").get("step").asLong(),
                "a small run still goes all the way to step 100000");
    }

    @Test
    void a_body_just_under_the_limit_is_read_and_one_just_over_is_refused_with_413() {
        String json = "{\"step\":1}";
        long limit = LogitLabApp.MAX_BODY_BYTES;
        String under = " ".repeat((int) limit - 1 - json.length()) + json;
        HttpResponse<String> read = server.postJson("/api/runs", under);
        assertEquals(201, read.statusCode(), () -> ResponseContract.abbreviate(read.body()));

        String over = " ".repeat((int) limit + 1 - json.length()) + json;
        assertRejected(413, "body", server.postJson("/api/runs", over));
    }

    @Test
    void a_body_over_the_limit_on_a_page_action_is_a_413_message() {
        String form = "count=1&pad=" + "a".repeat((int) LogitLabApp.MAX_BODY_BYTES);
        HttpResponse<String> r = server.post("/lab/step", form, "Content-Type", "application/x-www-form-urlencoded",
                "HX-Request", "true");
        assertEquals(413, r.statusCode());
        ResponseContract.check("POST /lab/step with 1 MB of form", r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?dataset=", "/api/runs/", "/api/runs/x/history?from=", "/lab/inspect?state="})
    void a_hundred_kilobyte_url_is_refused_with_a_4xx(String prefix) {
        String target = prefix + "1".repeat(100_000);
        RawHttp.Response r = server.raw("GET", target, List.of("Accept: text/html"), new byte[0]);
        assertTrue(List.of(400, 414, 431).contains(r.status()), () -> "answered " + r.status());
        ResponseContract.check("GET " + prefix + "<100 KB>", r);
    }

    @Test
    void a_hundred_kilobyte_header_is_refused_with_a_4xx() {
        RawHttp.Response r = server.raw("GET", "/api/runs/x", List.of("X-Pad: " + "a".repeat(100_000)),
                new byte[0]);
        assertTrue(List.of(400, 431).contains(r.status()), () -> "answered " + r.status());
        ResponseContract.check("GET with a 100 KB header", r);
    }
}
