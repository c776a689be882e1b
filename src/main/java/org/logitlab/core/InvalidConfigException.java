package org.logitlab.core;

/** A configuration value that LogitLab cannot use; names the field and says what is allowed. */
public class InvalidConfigException extends RuntimeException {
    private final String field;

    public InvalidConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
