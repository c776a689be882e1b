package org.logitlab.data;

/** A dataset request that cannot be met; names the field and says what is allowed. */
public class InvalidDatasetException extends RuntimeException {
    private final String field;

    public InvalidDatasetException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
