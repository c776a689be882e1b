package org.logitlab.web;

/** An unknown run or resource: answered with 404. */
public class NotFound extends RuntimeException {
    private final String field;

    public NotFound(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
