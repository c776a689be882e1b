package org.logitlab.core;

import org.logitlab.text.Sentence;

/**
 * The step size η and the regularization strengths λ₂ (L2) and λ₁ (L1) of
 * J = (1/N) Σ loss + (λ₂/2)‖W‖² + λ₁‖W‖₁. They may change during a run (the page keeps the weights when they
 * do); a {@link TrainingRun} records from which step each triple applies.
 */
public record Hyperparameters(double learningRate, double l2, double l1) {
    public static final double MAX_LEARNING_RATE = 100;
    public static final double MAX_L2 = 10;
    public static final double MAX_L1 = 10;

    public Hyperparameters {
        if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            throw new InvalidConfigException("learningRate", Sentence.NUMBER_IN, "(0, " + (int) MAX_LEARNING_RATE + "]");
        }
        if (!(l2 >= 0 && l2 <= MAX_L2)) {
            throw new InvalidConfigException("l2", Sentence.NUMBER_IN, "[0, " + (int) MAX_L2 + "]");
        }
        if (!(l1 >= 0 && l1 <= MAX_L1)) {
            throw new InvalidConfigException("l1", Sentence.NUMBER_IN, "[0, " + (int) MAX_L1 + "]");
        }
        // −0.0 + 0.0 is +0.0: equal strengths give equal records (records compare doubles bit by bit).
        l2 += 0.0;
        l1 += 0.0;
    }

    /** Without L1 (λ₁ = 0). */
    public Hyperparameters(double learningRate, double l2) {
        this(learningRate, l2, 0.0);
    }
}
