package org.logitlab.core;

/** {@code ok} while every number is finite; {@code diverged} once an update would have made one non-finite. */
public enum RunStatus {
    OK("ok"), DIVERGED("diverged");

    private final String key;

    RunStatus(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
