package org.logitlab.web;

/**
 * The server's own storage failed (a full or read-only disk, a data directory that is not one): nothing the client
 * can fix by changing its request, so it is answered with 503 and the field whose data could not be kept.
 */
public class StorageUnavailable extends RuntimeException {
    private final String field;

    public StorageUnavailable(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public int status() {
        return 503;
    }
}
