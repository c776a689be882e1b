package org.logitlab.core;

import org.logitlab.text.Sentence;

/** How K classes are scored: one sigmoid output (K = 2 only) or K softmax outputs. */
public enum Parameterization implements Keyed {
    /** One weight vector w and bias b; p(y = 1 | x) = σ(w·φ + b). */
    SIGMOID,
    /** K weight vectors and biases; ŷ = softmax(Wφ + b). */
    SOFTMAX;

    /** Number of weight vectors (rows of W) for K classes. */
    public int rows(int classes) {
        return this == SIGMOID ? 1 : classes;
    }

    public static Parameterization byKey(String key) {
        return Keyed.byKey(values(), key)
                .orElseThrow(() -> new InvalidConfigException("parameterization", Sentence.SIGMOID_OR_SOFTMAX));
    }
}
