package org.logitlab.web.page;

import java.util.Locale;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.TextNode;

import io.javalin.http.Context;

import org.logitlab.data.DatasetSpec;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.FieldReader;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.RunService;

/**
 * What the page's routes read from a request: its fields (a form field, or else a query parameter), the run it
 * names, how it is presented, and whether htmx sent it. Every refusal names its field.
 */
final class PageRequest {
    private PageRequest() {
    }

    /** The language, the lesson's settings and the custom canvas's class, as the request gives them. */
    static Presentation presentation(Context ctx) {
        return presentation(Locales.of(ctx), name -> param(ctx, name));
    }

    static Presentation presentation(Locale locale, UnaryOperator<String> param) {
        String label = param.apply("label");
        int newClass = label != null && label.matches("[0-7]") ? Integer.parseInt(label) : 0;
        String landscape = param.apply("landscape");
        return new Presentation(locale, Lesson.of(param.apply("hide"), param.apply("discretize")), newClass,
                landscape == null ? "" : landscape);
    }

    static LabService.Ref ref(Context ctx) {
        return new LabService.Ref(ctx.ip(), param(ctx, "run"), param(ctx, "state"));
    }

    static int count(Context ctx) {
        String text = ctx.formParam("count");
        return text == null ? 1 : (int) Json.integerText(text, "count", 1, RunService.MAX_STEPS_PER_REQUEST);
    }

    static double coordinate(Context ctx, String field) {
        return number(ctx, field, -DatasetSpec.EXTENT, DatasetSpec.EXTENT, false);
    }

    static double number(Context ctx, String field, double min, double max, boolean minOpen) {
        return FieldReader.TEXT.number(TextNode.valueOf(required(ctx, field)), field, min, max, minOpen);
    }

    /** A form field, or else a query parameter, of the request. */
    static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v != null ? v : ctx.queryParam(name);
    }

    /** {@link #param}, refused naming {@code name} when it is missing. */
    static String required(Context ctx, String name) {
        String v = param(ctx, name);
        if (v == null) {
            throw FieldError.required(name);
        }
        return v;
    }

    /** Whether htmx sent the request: the one place that decides between a page and fragments. */
    static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }
}
