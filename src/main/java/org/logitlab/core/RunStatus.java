package org.logitlab.core;

/** {@code ok} while every number is finite; {@code diverged} once an update would have made one non-finite. */
public enum RunStatus implements Keyed {
    OK, DIVERGED
}
