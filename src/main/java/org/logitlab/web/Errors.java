package org.logitlab.web;

import java.util.Locale;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.web.page.Locales;
import org.logitlab.web.page.Templates;

/**
 * Every error, everywhere, in the form the caller can use: JSON {@code {"error", "field"}} for the API and for
 * scripts, a message fragment beside the controls for the page's htmx requests (the page keeps its state), and a
 * small page for plain form posts. The app's errors and Jetty's own ({@link JettyErrors}) are answered alike.
 */
final class Errors {
    /** An error answer: its content type and body, and whether htmx should leave the page as it is. */
    record Answer(String contentType, String body, boolean keepPage) {
    }

    private final Templates templates;

    Errors(Templates templates) {
        this.templates = templates;
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

    /**
     * The answer to a request for {@code path} with these {@code Accept} and {@code HX-Request} headers: JSON under
     * {@code /api/} and for clients that do not accept HTML (scripts), else the error page, or for htmx only its
     * message region.
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
        return new Answer("text/html; charset=utf-8", page(text, field, locale, htmx), htmx);
    }

    private String page(String text, String field, Locale locale, boolean htmx) {
        java.util.HashMap<String, Object> model = new java.util.HashMap<>();
        model.put("error", text);
        model.put("errorField", field);
        model.put("oob", htmx);
        model.put("lang", locale.getLanguage());
        return templates.render("error", htmx ? Set.of("message") : Set.of(), locale, model);
    }
}
