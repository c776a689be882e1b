package org.logitlab.web.input;

/**
 * A request the server will not carry out, naming the field at fault and saying what is allowed. One type for
 * every refusal of the web layer; its {@link Kind} gives the HTTP status. Answered by one handler as
 * {@code {"error": "<field>: <message>", "field": "<field>"}} (or beside the control, on the page).
 */
public final class FieldError extends RuntimeException {
    /** Why the request is refused, and the status that says so. */
    public enum Kind {
        /** A value of the wrong type, out of range, unknown or duplicated. */
        INVALID(400),
        /** An unknown run or resource. */
        NOT_FOUND(404),
        /** A request the run's state forbids (stepping a diverged run). */
        CONFLICT(409),
        /** A client over its share of new runs or heavy work. */
        TOO_MANY(429),
        /** The server cannot do it now (a full or read-only disk). */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String field;

    public FieldError(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static FieldError invalid(String field, String message) {
        return new FieldError(Kind.INVALID, field, message);
    }

    public static FieldError notFound(String field, String message) {
        return new FieldError(Kind.NOT_FOUND, field, message);
    }

    public static FieldError required(String field) {
        return invalid(field, "is required");
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status;
    }

    public String field() {
        return field;
    }
}
