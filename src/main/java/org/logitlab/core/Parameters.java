package org.logitlab.core;

import java.util.Arrays;

/**
 * The model's parameters θ = (W, b): {@code rows} weight vectors of {@code dimension} entries and one bias each.
 *
 * <p>Immutable: arrays are copied in and out. Weights are stored row-major, {@code w[r * dimension + i]}.
 */
public final class Parameters {
    private final int rows;
    private final int dimension;
    private final double[] weights;
    private final double[] biases;

    private Parameters(int rows, int dimension, double[] weights, double[] biases) {
        this.rows = rows;
        this.dimension = dimension;
        this.weights = weights;
        this.biases = biases;
    }

    public static Parameters zeros(int rows, int dimension) {
        return new Parameters(rows, dimension, new double[rows * dimension], new double[rows]);
    }

    /** Copies the given flat arrays: weights row-major with {@code rows * dimension} entries, biases with {@code rows}. */
    public static Parameters of(int rows, int dimension, double[] weights, double[] biases) {
        if (weights.length != rows * dimension || biases.length != rows) {
            throw new IllegalArgumentException("shape mismatch");
        }
        return new Parameters(rows, dimension, weights.clone(), biases.clone());
    }

    public static Parameters ofRows(double[][] weights, double[] biases) {
        int rows = weights.length;
        int dimension = rows == 0 ? 0 : weights[0].length;
        double[] flat = new double[rows * dimension];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weights[r], 0, flat, r * dimension, dimension);
        }
        return of(rows, dimension, flat, biases);
    }

    public int rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    public double weight(int row, int feature) {
        return weights[row * dimension + feature];
    }

    public double bias(int row) {
        return biases[row];
    }

    /** Parameter {@code i} of row {@code row}, where {@code i == dimension()} is the bias. */
    public double get(int row, int i) {
        return i == dimension ? biases[row] : weights[row * dimension + i];
    }

    /** A copy with parameter {@code (row, i)} replaced; {@code i == dimension()} is the bias. */
    public Parameters with(int row, int i, double value) {
        double[] w = weights.clone();
        double[] b = biases.clone();
        if (i == dimension) {
            b[row] = value;
        } else {
            w[row * dimension + i] = value;
        }
        return new Parameters(rows, dimension, w, b);
    }

    public double[] flatWeights() {
        return weights.clone();
    }

    public double[] biasArray() {
        return biases.clone();
    }

    public double[][] weightRows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(weights, r * dimension, (r + 1) * dimension);
        }
        return out;
    }

    /** Package-private views for the hot loop; callers must not write to them. */
    double[] weightsView() {
        return weights;
    }

    double[] biasesView() {
        return biases;
    }

    /** Takes ownership of the arrays (no copy); for the optimizer, which has just built them. */
    static Parameters adopt(int rows, int dimension, double[] weights, double[] biases) {
        return new Parameters(rows, dimension, weights, biases);
    }

    long footprintBytes() {
        return Footprint.object(4) + Footprint.doubles(weights.length) + Footprint.doubles(biases.length);
    }

    public boolean isFinite() {
        return Numerics.allFinite(weights) && Numerics.allFinite(biases);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && rows == p.rows && dimension == p.dimension
                && Arrays.equals(weights, p.weights) && Arrays.equals(biases, p.biases);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Arrays.hashCode(biases);
    }

    @Override
    public String toString() {
        return "Parameters" + Arrays.deepToString(weightRows()) + Arrays.toString(biases);
    }
}
