package org.logitlab.web.robust;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.logitlab.web.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that are malformed below the level of JSON or form fields (the charset, the multipart framing, the
 * percent-escapes) are the client's fault too: a 400 naming what is wrong, like any other bad input.
 * Each case here was first found by {@link MalformedRequestFuzzTest} or while writing it.
 */
class MalformedEncodingTest extends DefaultServerTest {
    private static void assertClientError(String request, HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), () -> request + " answered " + r.statusCode() + ": " + r.body());
        ResponseContract.check(request, r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=foo", "application/json; charset=@@",
        "application/json; charset=\"\""})
    void a_json_body_in_an_unknown_charset_is_a_400(String contentType) {
        assertClientError("POST /api/runs as " + contentType, server.post("/api/runs", "{}", "Content-Type",
                contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded; charset=foo",
        "application/x-www-form-urlencoded; charset=@@"})
    void a_form_in_an_unknown_charset_is_a_400(String contentType) {
        for (String[] headers : new String[][] {{"Content-Type", contentType, "HX-Request", "true"},
                {"Content-Type", contentType}}) {
            assertClientError("POST /lab/step as " + contentType, server.post("/lab/step", "count=1", headers));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=xx", "multipart/form-data"})
    void a_broken_multipart_form_is_a_400(String contentType) {
        // On a connection of its own: Jetty closes the connection after refusing a malformed body.
        RawHttp.Response r = server.raw("POST", "/lab/step", List.of("Content-Type: " + contentType,
                "HX-Request: true"), "garbage".getBytes(StandardCharsets.UTF_8));
        assertTrue(r.status() >= 400 && r.status() < 500, () -> contentType + " answered " + r.status() + ": "
                + r.body());
        ResponseContract.check("POST /lab/step as " + contentType, r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs/%u0041", "/api/runs/%u0041/step", "/api/runs/x/examples/%u0031"})
    void a_path_segment_with_a_malformed_escape_is_a_400(String path) {
        RawHttp.Response r = server.raw("GET", path, List.of("Accept: application/json"), new byte[0]);
        assertEquals(400, r.status(), () -> path + " answered " + r.status() + ": " + r.body());
        ResponseContract.check("GET " + path, r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "dataset=%zz", "n=%4", "%%%"})
    void a_page_state_with_a_malformed_escape_is_a_400_naming_the_state(String state) {
        HttpResponse<String> r = server.postForm("/lab/step", Map.of("run", "gone", "state", state),
                "HX-Request", "true");
        assertClientError("POST /lab/step with state " + state, r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs/%ff", "/api/runs/%C0%AE/step"})
    void a_path_that_is_not_utf8_is_answered_in_the_api_error_shape(String path) {
        RawHttp.Response r = server.raw("GET", path, List.of("Accept: application/json"), new byte[0]);
        assertEquals(400, r.status(), r::body);
        assertEquals(true, r.contentType().startsWith("application/json"), r::contentType);
        assertEquals(true, AppUnderTest.json(r.body()).hasNonNull("error"),
                () -> "Jetty's own error shape, not {\"error\", \"field\"}: " + r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?&dataset=moons", "/?dataset=moons&", "/?dataset=moons&&n=30"})
    void an_empty_pair_in_the_page_query_is_ignored_as_the_permalink_reader_ignores_it(String target) {
        HttpResponse<String> r = server.get(target, "Accept", "text/html");
        assertEquals(200, r.statusCode(), () -> target + " answered " + r.statusCode());
    }
}
