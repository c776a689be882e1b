package org.logitlab.web;

/** Input the web layer rejects: answered with 400 and {@code {"error": message, "field": field}}. */
public class BadRequest extends RuntimeException {
    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
