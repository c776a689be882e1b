package org.logitlab.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;

import org.eclipse.jetty.http.HttpException;
import org.logitlab.core.DivergedException;
import org.logitlab.core.InvalidConfigException;
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.text.Reason;
import org.logitlab.text.Refused;
import org.logitlab.web.i18n.Messages;
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
    record Refusal(int status, String field, Reason reason) {
    }

    void handle(Exception e, Context ctx) {
        Refusal r = refusal(e, ctx);
        send(ctx, r.status(), r.reason(), r.field());
    }

    private static Refusal refusal(Exception e, Context ctx) {
        if (e instanceof FieldError f) {
            return new Refusal(f.status(), f.field(), f.reason());
        }
        if (e instanceof InvalidConfigException || e instanceof InvalidDatasetException) {
            return new Refusal(400, ((Refused) e).field(), ((Refused) e).reason());
        }
        if (e instanceof DivergedException d) {
            return new Refusal(409, "step", d.reason());
        }
        if (e instanceof EndpointNotFound) {
            return new Refusal(404, "request", Reason.of("error.http.noEndpoint", ctx.method(), ctx.path()));
        }
        if (e instanceof HttpResponseException h) {
            return h.getStatus() == 413
                    ? new Refusal(413, "body", Reason.of("error.http.tooLarge", LogitLabApp.MAX_BODY_BYTES / 1_000_000))
                    : new Refusal(h.getStatus(), "request", Reason.of("error.http.other", h.getMessage()));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A 4xx that Jetty raised while reading the request (a broken multipart body, say).
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return new Refusal(http.getCode(), "request", Reason.of("error.http.unreadable", http.getReason()));
            }
            if (t instanceof IllegalCharsetNameException || t instanceof UnsupportedCharsetException) {
                return new Refusal(400, "Content-Type", Reason.of("error.http.charset"));
            }
        }
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        return new Refusal(500, "request", Reason.of("error.http.serverFault"));
    }

    void send(Context ctx, int status, Reason reason, String rawField) {
        ctx.status(HttpStatus.forStatus(status));
        Answer answer = answer(ctx.path(), ctx.header("Accept"), ctx.header("HX-Request"), Locales.of(ctx), reason,
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
     * The answer to a request for {@code path} with these {@code Accept} and {@code HX-Request} headers: JSON in
     * English under {@code /api/} and for clients that do not accept HTML (scripts), else the error page in the
     * page's language, or for htmx only its message region. The app's errors and Jetty's own ({@link JettyErrors})
     * are answered alike.
     */
    Answer answer(String path, String accept, String hxRequest, Locale locale, Reason reason, String rawField) {
        // Field names can come from the client: keep them short and printable.
        String field = rawField.replaceAll("\\p{Cntrl}", "?");
        if (field.length() > 100) {
            field = field.substring(0, 100) + "…";
        }
        boolean htmx = "true".equals(hxRequest);
        boolean page = (path == null || !path.startsWith("/api/"))
                && (htmx || accept != null && accept.contains("text/html"));
        if (!page) {
            return new Answer("application/json", Json.MAPPER.createObjectNode()
                    .put("error", field + ": " + Messages.english(reason)).put("field", field).toString(), false);
        }
        return new Answer("text/html; charset=utf-8", this.page.html(locale, field, reason, htmx), htmx);
    }
}
