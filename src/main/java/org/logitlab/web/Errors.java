package org.logitlab.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.web.page.Locales;
import org.logitlab.web.page.Templates;

/**
 * Every error, everywhere, in the form the caller can use: JSON {@code {"error", "field"}} for the API and for
 * scripts, a message fragment beside the controls for the page's htmx requests (the page keeps its state), and a
 * small page for plain form posts.
 */
final class Errors {
    private final Templates templates;

    Errors(Templates templates) {
        this.templates = templates;
    }

    void send(Context ctx, int status, String message, String rawField) {
        ctx.status(HttpStatus.forStatus(status));
        // Field names can come from the client: keep them short and printable.
        String field = rawField.replaceAll("\\p{Cntrl}", "?");
        if (field.length() > 100) {
            field = field.substring(0, 100) + "…";
        }
        String text = field + ": " + message;
        boolean page = !ctx.path().startsWith("/api/") && acceptsHtml(ctx);
        if (!page) {
            ctx.json(Map.of("error", text, "field", field));
            return;
        }
        boolean htmx = "true".equals(ctx.header("HX-Request"));
        Locale locale = Locales.of(ctx);
        java.util.HashMap<String, Object> model = new java.util.HashMap<>();
        model.put("error", text);
        model.put("errorField", field);
        model.put("oob", htmx);
        model.put("lang", locale.getLanguage());
        if (htmx) {
            // Keep the page as it is; only the message region changes.
            ctx.header("HX-Reswap", "none");
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(templates.render("error", htmx ? Set.of("message") : Set.of(), locale, model));
    }

    private static boolean acceptsHtml(Context ctx) {
        if ("true".equals(ctx.header("HX-Request"))) {
            return true;
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }
}
