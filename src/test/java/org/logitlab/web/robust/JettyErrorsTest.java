package org.logitlab.web.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.web.RawHttp;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;
import org.logitlab.web.page.FieldNames;

/**
 * What Jetty refuses before the app sees it (a body over 1 MB is the app's own 413, tested with the API) is
 * answered as the app answers: JSON {@code {"error", "field"}} for
 * API clients and scripts, the escaped error page for browsers, and the same security headers as any response.
 */
class JettyErrorsTest {
    private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy",
            "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options");

    @TempDir
    static Path dataDir;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Settings.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Requests Jetty refuses itself, each with its status and the field the answer names, and whether Jetty reads
     * enough of it (its headers or its path) to tell a browser from a script.
     */
    enum Refused {
        NOT_UTF_8_PATH(400, "request", true, "GET /api/runs/%ff HTTP/1.1", "", ""),
        NUL_IN_PATH(400, "request", false, "GET /api/runs/%00 HTTP/1.1", "", ""),
        NOT_A_REQUEST_LINE(400, "request", false, "GARBAGE", "", ""),
        URL_OVER_8_KB(414, "url", false, "GET /api/runs/" + "a".repeat(9000) + " HTTP/1.1", "", ""),
        HEADERS_OVER_8_KB(431, "headers", true, "GET /api/runs/x HTTP/1.1", "X-Pad: " + "a".repeat(20_000), ""),
        MULTIPART(415, "Content-Type", true, "POST /api/runs HTTP/1.1",
                "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 9", "--x--\r\n\r\n");

        final int status;
        final String field;
        final boolean tellsWhoAsks;
        final String line;
        final String header;
        final String body;

        Refused(int status, String field, boolean tellsWhoAsks, String line, String header, String body) {
            this.status = status;
            this.field = field;
            this.tellsWhoAsks = tellsWhoAsks;
            this.line = line;
            this.header = header;
            this.body = body;
        }

        Response send(String accept, String path) {
            String head = line.replace("/api/runs", path) + "\r\nHost: localhost\r\nConnection: close\r\n"
                    + (accept.isEmpty() ? "" : "Accept: " + accept + "\r\n")
                    + (header.isEmpty() ? "" : header + "\r\n") + "\r\n";
            return RawHttp.exchange(server.port(), head.getBytes(StandardCharsets.ISO_8859_1),
                    body.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void an_api_client_gets_json_naming_the_field(Refused refused) {
        for (String accept : List.of("", "application/json", "*/*")) {
            Response r = refused.send(accept, "/api/runs");
            assertEquals(refused.status, r.status(), r::head);
            assertTrue(r.contentType().startsWith("application/json"), r::head);
            JsonNode error = TestServer.json(r.body());
            assertEquals(refused.field, error.get("field").asText(), r::body);
            assertTrue(error.get("error").asText().startsWith(refused.field + ": "), r::body);
            assertSecurityHeaders(r);
        }
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void a_browser_gets_the_error_page_naming_the_field_when_jetty_can_tell_who_asks(Refused refused) {
        Response r = refused.send("text/html,application/xhtml+xml,*/*;q=0.8", "/lab/step");
        assertEquals(refused.status, r.status(), r::head);
        assertFalse(r.body().contains("HTTP ERROR"), "Jetty's own page: " + r.body());
        assertSecurityHeaders(r);
        ResponseContract.check(refused.name(), r);
        if (!refused.tellsWhoAsks) {
            assertEquals(refused.field, TestServer.json(r.body()).get("field").asText(), r::body);
            return;
        }
        assertTrue(r.contentType().startsWith("text/html"), r::head);
        Element message = Jsoup.parse(r.body()).getElementById("message");
        assertNotNull(message, r.body());
        assertEquals(refused.field, message.attr("data-field"));
        assertTrue(message.text().contains(FieldNames.of(Locale.ENGLISH, refused.field) + ": "), message.text());
    }

    /** The same security headers, with the same values, as an answer the app gives itself. */
    private static void assertSecurityHeaders(Response r) {
        Response ordinary = server.raw("GET", "/api/runs/x", List.of(), new byte[0]);
        for (String name : SECURITY_HEADERS) {
            assertFalse(ordinary.header(name).isEmpty(), name);
            assertEquals(ordinary.header(name), r.header(name), name);
        }
    }
}
