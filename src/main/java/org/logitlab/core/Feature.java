package org.logitlab.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * One coordinate of the feature map φ(x) over a 2D point x = (x1, x2).
 *
 * <p>{@link StrictMath} keeps every value bit-identical on every machine.
 */
public enum Feature {
    X1("x1", true),
    X2("x2", true),
    X1_SQUARED("x1^2", false),
    X2_SQUARED("x2^2", false),
    X1_TIMES_X2("x1*x2", false),
    SIN_X1("sin(x1)", false),
    SIN_X2("sin(x2)", false);

    private final String key;
    private final boolean linear;

    Feature(String key, boolean linear) {
        this.key = key;
        this.linear = linear;
    }

    /** The name used by the JSON API, permalinks and the page, e.g. {@code x1^2}. */
    public String key() {
        return key;
    }

    /** True for x1 and x2: a model over linear features has straight decision boundaries. */
    public boolean isLinear() {
        return linear;
    }

    public double apply(double x1, double x2) {
        return switch (this) {
            case X1 -> x1;
            case X2 -> x2;
            case X1_SQUARED -> x1 * x1;
            case X2_SQUARED -> x2 * x2;
            case X1_TIMES_X2 -> x1 * x2;
            case SIN_X1 -> StrictMath.sin(x1);
            case SIN_X2 -> StrictMath.sin(x2);
        };
    }

    public static Optional<Feature> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static String allowedKeys() {
        return String.join(", ", Arrays.stream(values()).map(Feature::key).toList());
    }
}
