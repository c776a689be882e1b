package org.logitlab.core;

import org.logitlab.text.Reason;

/**
 * A request to go past a run's last step ({@link TrainingRun#maxStep}). The web layer names the field that asked
 * for it: a step count, a seek target or a permalink's step.
 */
public final class StepLimitException extends RuntimeException {
    private final long maxStep;
    private final Reason reason;

    StepLimitException(long maxStep, Reason reason) {
        super(CoreText.english(reason));
        this.maxStep = maxStep;
        this.reason = reason;
    }

    /** The run's last step. */
    public long maxStep() {
        return maxStep;
    }

    /** The message as a {@link Reason}, for other languages. */
    public Reason reason() {
        return reason;
    }
}
