package org.logitlab.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import org.eclipse.jetty.http.HttpException;
import org.logitlab.core.DivergedException;
import org.logitlab.core.InvalidConfigException;
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.web.page.Locales;
import org.logitlab.web.page.ErrorPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of every failure: it decides the status and the field at fault, then answers in the form the
 * caller can use — JSON {@code {"error", "field"}} for the API and for scripts, HTML for a person ({@link ErrorPage}).
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final ErrorPage page;

    ErrorResponses(ErrorPage page) {
        this.page = page;
    }

    /** The status, field and message of a failure. */
    record Refusal(int status, String field, String message) {
    }

    void handle(Exception e, Context ctx) {
        Refusal r = refusal(e, ctx);
        send(ctx, r.status(), r.message(), r.field());
    }

    private static Refusal refusal(Exception e, Context ctx) {
        if (e instanceof FieldError f) {
            return new Refusal(f.status(), f.field(), f.getMessage());
        }
        if (e instanceof InvalidConfigException c) {
            return new Refusal(400, c.field(), c.getMessage());
        }
        if (e instanceof InvalidDatasetException d) {
            return new Refusal(400, d.field(), d.getMessage());
        }
        if (e instanceof DivergedException) {
            return new Refusal(409, "step", e.getMessage());
        }
        if (e instanceof HttpResponseException h) {
            return new Refusal(h.getStatus(), h.getStatus() == 413 ? "body" : "request", h.getStatus() == 413
                    ? LogitLabApp.BODY_TOO_LARGE : h.getMessage());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A 4xx that Jetty raised while reading the request (a broken multipart body, say).
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return new Refusal(http.getCode(), "request", "is not a request this server can read ("
                        + http.getReason() + ")");
            }
            if (t instanceof IllegalCharsetNameException || t instanceof UnsupportedCharsetException) {
                return new Refusal(400, "Content-Type", "names a charset this server does not read; send UTF-8");
            }
        }
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        return new Refusal(500, "request", "something went wrong on the server; the run is unchanged");
    }

    void send(Context ctx, int status, String message, String rawField) {
        ctx.status(HttpStatus.forStatus(status));
        Answer answer = answer(ctx.path(), ctx.header("Accept"), ctx.header("HX-Request"), Locales.of(ctx), message,
                rawField);
        if (answer.keepPage()) {
            ctx.header("HX-Reswap", "none");
        }
        ctx.contentType(answer.contentType());
        ctx.result(answer.body());
    }

    /** An error answer: its content type and body, and whether htmx should leave the page as it is. */
    record Answer(String contentType, String body, boolean keepPage) {
    }

    /**
     * The answer to a request for {@code path} with these {@code Accept} and {@code HX-Request} headers: JSON under
     * {@code /api/} and for clients that do not accept HTML (scripts), else the error page, or for htmx only its
     * message region. The app's errors and Jetty's own ({@link JettyErrors}) are answered alike.
     */
    Answer answer(String path, String accept, String hxRequest, Locale locale, String message, String rawField) {
        // Field names can come from the client: keep them short and printable.
        String field = rawField.replaceAll("\\p{Cntrl}", "?");
        if (field.length() > 100) {
            field = field.substring(0, 100) + "…";
        }
        String text = field + ": " + message;
        boolean htmx = "true".equals(hxRequest);
        boolean page = (path == null || !path.startsWith("/api/"))
                && (htmx || accept != null && accept.contains("text/html"));
        if (!page) {
            return new Answer("application/json",
                    Json.MAPPER.createObjectNode().put("error", text).put("field", field).toString(), false);
        }
        return new Answer("text/html; charset=utf-8", this.page.html(locale, text, field, htmx), htmx);
    }
}
