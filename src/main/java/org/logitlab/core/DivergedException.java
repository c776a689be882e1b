package org.logitlab.core;

import org.logitlab.text.Refused;
import org.logitlab.text.Sentence;

/** Thrown when asked to step a run that has already diverged. */
public class DivergedException extends Refused {
    public DivergedException(long step) {
        super("step", Sentence.DIVERGED.with(step));
    }
}
