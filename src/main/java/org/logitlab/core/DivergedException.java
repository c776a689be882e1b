package org.logitlab.core;

import org.logitlab.text.Reason;

/** Thrown when asked to step a run that has already diverged. */
public class DivergedException extends RuntimeException {
    private final Reason reason;

    public DivergedException(long step) {
        this(CoreText.DIVERGED.with(step));
    }

    private DivergedException(Reason reason) {
        super(CoreText.english(reason));
        this.reason = reason;
    }

    /** The message as a {@link Reason}, for other languages. */
    public Reason reason() {
        return reason;
    }
}
