package org.logitlab.web;

/** A client over its run-creation budget: answered with 429. */
public class TooManyRequests extends RuntimeException {
    public TooManyRequests(String message) {
        super(message);
    }
}
