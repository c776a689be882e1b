package org.logitlab.core;

/**
 * The step size η and the L2 strength λ. They may change during a run (the page keeps the weights when they
 * do); a {@link TrainingRun} records from which step each pair applies.
 */
public record Hyperparameters(double learningRate, double l2) {
    public static final double MAX_LEARNING_RATE = 100;
    public static final double MAX_L2 = 10;

    public Hyperparameters {
        if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            throw new InvalidConfigException("learningRate", "must be a number in (0, " + (int) MAX_LEARNING_RATE + "]");
        }
        if (!(l2 >= 0 && l2 <= MAX_L2)) {
            throw new InvalidConfigException("l2", "must be a number in [0, " + (int) MAX_L2 + "]");
        }
    }
}
