package org.logitlab.web.robust;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;
import org.logitlab.web.page.FieldNames;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every answer must look like, whatever was asked: never a 5xx, never a stack trace, and every 4xx in a form
 * the caller can use: JSON {@code {"error", "field"}}, or HTML whose {@code #message} says
 * {@code "<field>: <complaint>"} for the field it marks.
 *
 * <p>Requests Jetty refuses before they reach the app (a malformed request line, a URI too long) are answered by
 * Jetty's own error page; those only have to be 4xx and free of stack traces.
 */
final class ResponseContract {
    private static final List<String> STACK_TRACE_MARKS = List.of("Exception", "at org.", "at java.", "at io.javalin",
            "\tat ");

    private ResponseContract() {
    }

    static void check(String request, Response r) {
        check(request, r.status(), r.contentType(), r.body());
    }

    /** For HEAD, which has no body to check. */
    static void checkStatus(String request, int status) {
        assertTrue(status >= 200 && status < 500, () -> request + " answered " + status);
    }

    static void check(String request, int status, String contentType, String body) {
        String where = request + " answered " + status + " " + contentType + ": " + abbreviate(body);
        assertTrue(status >= 200 && status < 500, where);
        for (String mark : STACK_TRACE_MARKS) {
            assertFalse(body.contains(mark), () -> "stack trace text \"" + mark + "\" in: " + where);
        }
        if (status < 400) {
            return;
        }
        if (contentType.startsWith("application/json")) {
            JsonNode error = TestServer.json(body);
            assertTrue(error.path("error").isTextual() && !error.path("error").asText().isBlank(),
                    () -> "no \"error\" in: " + where);
            // A field may be blank: an unknown parameter is named as the client spelled it, even "".
            assertTrue(error.path("field").isTextual(), () -> "no \"field\" in: " + where);
        } else if (contentType.startsWith("text/html")) {
            Element message = Jsoup.parse(body).getElementById("message");
            assertNotNull(message, () -> "no #message in: " + where);
            // Thymeleaf drops an empty data-field, so an absent one stands for a blank field name; a NUL in a
            // name reads back as U+FFFD from the attribute and as nothing from the text.
            String field = message.attr("data-field").replace("\uFFFD", "");
            // The text names the field as the page calls it, in English or Chinese: its control's label, or the name
            // as sent.
            String text = message.text().replace("\uFFFD", "");
            assertTrue(text.contains(FieldNames.of(Locale.ENGLISH, field) + ":")
                            || text.contains(FieldNames.of(Locale.SIMPLIFIED_CHINESE, field) + "："),
                    () -> "#message does not name its field \"" + field + "\" in its text \"" + message.text()
                            + "\"; " + where);
        } else {
            fail("a 4xx that is neither JSON nor HTML: " + where);
        }
    }

    static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "… (" + body.length() + " chars)";
    }
}
