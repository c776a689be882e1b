package org.logitlab.text;

/**
 * Something LogitLab will not do, said as a {@link Reason} (for any language) and, as the exception's message, in
 * English; {@code field} names what asked for it (null when the caller names it).
 */
public abstract class Refused extends RuntimeException {
    private final String field;
    private final Reason reason;

    protected Refused(String field, Reason reason) {
        super(Sentence.english(reason));
        this.field = field;
        this.reason = reason;
    }

    /** The field that asked for it, or null when the caller knows better (a step count, a seek target). */
    public String field() {
        return field;
    }

    /** The refusal as a {@link Reason}, for other languages. */
    public Reason reason() {
        return reason;
    }
}
