package org.logitlab.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * One coordinate of the feature map φ(x) over a 2D point x = (x1, x2). Every feature is a product of a function of
 * x1 and a function of x2, which lets a grid of them be tabulated by columns and rows.
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

    /** φ(x1, x2) = {@link #column}(x1) · {@link #row}(x2); the factor that is 1 leaves the other's bits as they are. */
    public double apply(double x1, double x2) {
        return column(x1) * row(x2);
    }

    /** The factor of this feature that depends on x1 alone (1 when it does not depend on x1). */
    public double column(double x1) {
        return switch (this) {
            case X1, X1_TIMES_X2 -> x1;
            case X1_SQUARED -> x1 * x1;
            case SIN_X1 -> StrictMath.sin(x1);
            case X2, X2_SQUARED, SIN_X2 -> 1;
        };
    }

    /** The factor of this feature that depends on x2 alone (1 when it does not depend on x2). */
    public double row(double x2) {
        return switch (this) {
            case X2, X1_TIMES_X2 -> x2;
            case X2_SQUARED -> x2 * x2;
            case SIN_X2 -> StrictMath.sin(x2);
            case X1, X1_SQUARED, SIN_X1 -> 1;
        };
    }

    /** Whether the feature changes with x1 (and so has a {@link #column} factor other than 1). */
    public boolean dependsOnX1() {
        return this != X2 && this != X2_SQUARED && this != SIN_X2;
    }

    /** Whether the feature changes with x2 (and so has a {@link #row} factor other than 1). */
    public boolean dependsOnX2() {
        return this != X1 && this != X1_SQUARED && this != SIN_X1;
    }

    public static Optional<Feature> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static String allowedKeys() {
        return String.join(", ", Arrays.stream(values()).map(Feature::key).toList());
    }
}
