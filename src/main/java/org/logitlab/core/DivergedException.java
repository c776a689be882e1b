package org.logitlab.core;

/** Thrown when asked to step a run that has already diverged. */
public class DivergedException extends RuntimeException {
    public DivergedException(long step) {
        super("the run diverged at step " + step
                + ": the learning rate is too large for this data; lower it, step back or reset");
    }
}
