package org.logitlab.web.page;

import com.fasterxml.jackson.databind.node.TextNode;

import io.javalin.http.Context;

import org.logitlab.web.BadRequest;
import org.logitlab.web.run.FieldReader;

/** Numbers from form fields, checked like the API's. */
final class FieldNumbers {
    private FieldNumbers() {
    }

    static double number(Context ctx, String field, double min, double max) {
        return number(ctx, field, min, max, false);
    }

    static double number(Context ctx, String field, double min, double max, boolean minOpen) {
        String text = ctx.formParam(field);
        if (text == null) {
            throw new BadRequest(field, "is required");
        }
        return FieldReader.TEXT.number(TextNode.valueOf(text), field, min, max, minOpen);
    }
}
