package org.logitlab.web.run;

import org.logitlab.core.RunConfig;

/** A run as a request describes it: the configuration and the step to be at. */
public record RunSpec(RunConfig config, long step) {
    public static final long MAX_STEP = org.logitlab.core.TrainingRun.MAX_STEP;
}
