package org.logitlab.core;

import org.logitlab.text.Reason;
import org.logitlab.text.Refused;

/**
 * A request to go past a run's last step ({@link TrainingRun#maxStep}). The web layer names the field that asked
 * for it: a step count, a seek target or a permalink's step.
 */
public final class StepLimitException extends Refused {
    private final long maxStep;

    StepLimitException(long maxStep, Reason reason) {
        super(null, reason);
        this.maxStep = maxStep;
    }

    /** The run's last step. */
    public long maxStep() {
        return maxStep;
    }
}
