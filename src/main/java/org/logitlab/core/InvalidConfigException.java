package org.logitlab.core;

import org.logitlab.text.Reason;

/**
 * A configuration value that LogitLab cannot use; names the field and says what is allowed, in English as its
 * message and as a {@link Reason} for other languages.
 */
public class InvalidConfigException extends RuntimeException {
    private final String field;
    private final Reason reason;

    public InvalidConfigException(String field, CoreText sentence, Object... args) {
        this(field, sentence.with(args));
    }

    private InvalidConfigException(String field, Reason reason) {
        super(CoreText.english(reason));
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
