package org.logitlab.web.input;

import org.logitlab.text.Reason;
import org.logitlab.web.i18n.Messages;

/**
 * A request the server will not carry out, naming the field at fault and saying what is allowed. One type for
 * every refusal of the web layer; its {@link Kind} gives the HTTP status. Answered by one handler as
 * {@code {"error": "<field>: <message>", "field": "<field>"}}, the message in English, or beside the control on the
 * page, in the page's language: the message is a {@link Reason}, a key of the message bundles and its arguments.
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
    private final Reason reason;

    /** A refusal whose message is {@code reason}, said in English here and in the page's language on the page. */
    public FieldError(Kind kind, String field, Reason reason) {
        super(Messages.english(reason));
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    public FieldError(Kind kind, String field, String key, Object... args) {
        this(kind, field, Reason.of(key, args));
    }

    public static FieldError invalid(String field, String key, Object... args) {
        return new FieldError(Kind.INVALID, field, key, args);
    }

    public static FieldError invalid(String field, Reason reason) {
        return new FieldError(Kind.INVALID, field, reason);
    }

    public static FieldError notFound(String field, String key, Object... args) {
        return new FieldError(Kind.NOT_FOUND, field, key, args);
    }

    public static FieldError required(String field) {
        return invalid(field, "error.required");
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

    /** What is wrong, to be said in the reader's language. */
    public Reason reason() {
        return reason;
    }
}
