package org.logitlab.core;

import java.util.Optional;

/**
 * One coordinate of the feature map φ(x) over a 2D point x = (x1, x2). Every feature is a product of a function of
 * x1 and a function of x2, which lets a grid of them be tabulated by columns and rows.
 *
 * <p>{@link StrictMath} keeps every value bit-identical on every machine.
 */
public enum Feature implements Keyed {
    X1("x1", Factor.IDENTITY, Factor.ONE),
    X2("x2", Factor.ONE, Factor.IDENTITY),
    X1_SQUARED("x1^2", Factor.SQUARE, Factor.ONE),
    X2_SQUARED("x2^2", Factor.ONE, Factor.SQUARE),
    X1_TIMES_X2("x1*x2", Factor.IDENTITY, Factor.IDENTITY),
    SIN_X1("sin(x1)", Factor.SINE, Factor.ONE),
    SIN_X2("sin(x2)", Factor.ONE, Factor.SINE);

    /** A function of one coordinate, the factor of a feature that depends on x1 or the one that depends on x2. */
    private enum Factor {
        ONE, IDENTITY, SQUARE, SINE;

        double of(double v) {
            return switch (this) {
                case ONE -> 1;
                case IDENTITY -> v;
                case SQUARE -> v * v;
                case SINE -> StrictMath.sin(v);
            };
        }
    }

    private final String key;
    private final Factor column;
    private final Factor row;

    Feature(String key, Factor column, Factor row) {
        this.key = key;
        this.column = column;
        this.row = row;
    }

    /** The name used by the JSON API, permalinks and the page, e.g. {@code x1^2}. */
    @Override
    public String key() {
        return key;
    }

    /** True for x1 and x2: a model over linear features has straight decision boundaries. */
    public boolean isLinear() {
        return column == Factor.IDENTITY && row == Factor.ONE || column == Factor.ONE && row == Factor.IDENTITY;
    }

    /** φ(x1, x2) = {@link #column}(x1) · {@link #row}(x2); the factor that is 1 leaves the other's bits as they are. */
    public double apply(double x1, double x2) {
        return column(x1) * row(x2);
    }

    /** The factor of this feature that depends on x1 alone (1 when it does not depend on x1). */
    public double column(double x1) {
        return column.of(x1);
    }

    /** The factor of this feature that depends on x2 alone (1 when it does not depend on x2). */
    public double row(double x2) {
        return row.of(x2);
    }

    /** Whether the feature changes with x1 (and so has a {@link #column} factor other than 1). */
    public boolean dependsOnX1() {
        return column != Factor.ONE;
    }

    /** Whether the feature changes with x2 (and so has a {@link #row} factor other than 1). */
    public boolean dependsOnX2() {
        return row != Factor.ONE;
    }

    public static Optional<Feature> byKey(String key) {
        return Keyed.byKey(values(), key);
    }

    public static String allowedKeys() {
        return Keyed.keys(values());
    }
}
