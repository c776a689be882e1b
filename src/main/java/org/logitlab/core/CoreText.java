package org.logitlab.core;

import org.logitlab.text.Sentence;

/** The core's refusals in English, each under its key in the web's message bundles, which translate it. */
public enum CoreText implements Sentence {
    NUMBER_IN("error.config.numberIn", "must be a number in {0}"),
    INTEGER_FROM("error.config.integerFrom", "must be an integer from {0} to {1}"),
    ONE_OF("error.config.oneOf", "must be one of: {0}"),
    SIGMOID_OR_SOFTMAX("error.config.sigmoidOrSoftmax", "must be \"sigmoid\" or \"softmax\""),
    SIGMOID_CLASSES("error.config.sigmoidClasses", "sigmoid needs exactly 2 classes; use softmax for {0}"),
    NO_FEATURE("error.config.noFeature", "choose at least one feature from: {0}"),
    FEATURE_TWICE("error.config.featureTwice", "each feature may appear only once"),
    SCHEDULE_FULL("error.config.scheduleFull",
            "a run keeps at most {0} learning-rate/λ changes; reset or start a new run"),
    INIT_SHAPE("error.config.initShape",
            "weights must be {0} row(s) of {1} number(s) (one per feature) and biases {0} number(s)"),
    INIT_NOT_FINITE("error.config.initNotFinite", "weights and biases must be finite numbers"),
    INIT_LOSS("error.config.initLoss", "the starting weights are too large: the loss is not finite"),
    NO_TRAINING("error.config.noTraining", "leaves no training examples; lower it or add points"),
    REGULARIZATION_OVERFLOW("error.config.regularizationOverflow",
            "is too large for the current weights (the objective would overflow); step back, reset or choose a "
                    + "smaller λ"),
    LAST_STEP("error.run.lastStep", "the run is at step {0}, the last one it can take; step back or reset"),
    LAST_STEP_WORK("error.run.lastStepWork",
            "the run is at step {0}, the last one it can take {1}; step back or reset"),
    BEYOND_LAST("error.run.beyondLast", "must be at most {0} for this run"),
    BEYOND_LAST_WORK("error.run.beyondLastWork", "must be at most {0} for this run {1}"),
    WORK_LIMIT("error.run.workLimit", "(its points, classes and features cost {0} units a step, and a run may cost "
            + "at most {1}, so that its permalink replays in seconds; fewer points, classes or features go further)"),
    DIVERGED("error.run.diverged", "the run diverged at step {0}: the learning rate is too large for this data; "
            + "lower it, step back or reset");

    private final Words words;

    CoreText(String key, String english) {
        this.words = new Words(key, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
