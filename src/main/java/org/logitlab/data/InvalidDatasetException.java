package org.logitlab.data;

import org.logitlab.text.Reason;

/**
 * A dataset request that cannot be met; names the field and says what is allowed, in English as its message and
 * as a {@link Reason} for other languages.
 */
public class InvalidDatasetException extends RuntimeException {
    private final String field;
    private final Reason reason;

    public InvalidDatasetException(String field, DataText sentence, Object... args) {
        this(field, sentence.with(args));
    }

    private InvalidDatasetException(String field, Reason reason) {
        super(DataText.english(reason));
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }
}
