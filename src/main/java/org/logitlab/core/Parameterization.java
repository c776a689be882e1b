package org.logitlab.core;

/** How K classes are scored: one sigmoid output (K = 2 only) or K softmax outputs. */
public enum Parameterization {
    /** One weight vector w and bias b; p(y = 1 | x) = σ(w·φ + b). */
    SIGMOID("sigmoid"),
    /** K weight vectors and biases; ŷ = softmax(Wφ + b). */
    SOFTMAX("softmax");

    private final String key;

    Parameterization(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Number of weight vectors (rows of W) for K classes. */
    public int rows(int classes) {
        return this == SIGMOID ? 1 : classes;
    }

    public static Parameterization byKey(String key) {
        for (Parameterization p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new InvalidConfigException("parameterization", CoreText.SIGMOID_OR_SOFTMAX);
    }
}
