package org.logitlab.render;

import java.util.Arrays;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/**
 * Every class's logit z_k over a regular grid, one row at a time or at a single point.
 *
 * <p>Each feature depends on x1 alone, on x2 alone, or is x1·x2, so a logit splits as
 * z_k(x1, x2) = a_k(x1) + b_k(x2) + c_k·x1·x2: a_k once per column, b_k (with the bias) once per row, and each
 * grid point costs one multiply-add per class instead of a pass over the features. A sigmoid model is treated as
 * two classes with z_0 = 0 and z_1 = z, whose softmax is (1 − σ(z), σ(z)) and whose first arg max is the model's
 * prediction.
 */
final class LogitGrid {
    private final double[] xs;
    private final double[] ys;
    private final double[][] columnPart;
    private final double[][] rowPart;
    private final double[] cross;

    /** @param xs x1 of each column, @param ys x2 of each row */
    LogitGrid(LogisticModel model, FeatureMap map, Parameters theta, double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
        int classes = model.classes();
        columnPart = new double[classes][xs.length];
        rowPart = new double[classes][ys.length];
        cross = new double[classes];
        boolean sigmoid = model.parameterization() == Parameterization.SIGMOID;
        for (int r = 0; r < model.rows(); r++) {
            int k = sigmoid ? 1 : r;
            Arrays.fill(rowPart[k], theta.bias(r));
            for (int j = 0; j < map.size(); j++) {
                Feature f = map.get(j);
                double w = theta.weight(r, j);
                switch (f) {
                    case X1, X1_SQUARED, SIN_X1 -> {
                        for (int c = 0; c < xs.length; c++) {
                            columnPart[k][c] += w * f.apply(xs[c], 0);
                        }
                    }
                    case X2, X2_SQUARED, SIN_X2 -> {
                        for (int row = 0; row < ys.length; row++) {
                            rowPart[k][row] += w * f.apply(0, ys[row]);
                        }
                    }
                    case X1_TIMES_X2 -> cross[k] = w;
                    default -> throw new IllegalStateException("not a feature of x1, of x2, or x1·x2: " + f);
                }
            }
        }
    }

    int classes() {
        return cross.length;
    }

    int width() {
        return xs.length;
    }

    int height() {
        return ys.length;
    }

    /** Fills {@code z[k][column]} with every class's logit along grid row {@code row}. */
    void row(int row, double[][] z) {
        for (int k = 0; k < z.length; k++) {
            double[] a = columnPart[k];
            double[] out = z[k];
            double b = rowPart[k][row];
            double cy = cross[k] * ys[row];
            for (int c = 0; c < out.length; c++) {
                out[c] = a[c] + b + cy * xs[c];
            }
        }
    }

    /**
     * exp(a_k(x1) − max_j a_j(x1)) per column and exp(b_k(x2) − max_j b_j(x2)) per row, and each class's x1·x2
     * weight c_k. Then exp(z_k) is proportional to {@code columns[k][c] · rows[k][r] · exp(c_k·x2·x1)} at every
     * point, and along a row the last factor is a geometric sequence (the columns are evenly spaced), so a softmax
     * over the grid needs 2·K exponentials per column and per row instead of K per point.
     */
    Factors factors() {
        return new Factors(relativeExp(columnPart), relativeExp(rowPart), cross, xs, ys);
    }

    /** See {@link #factors}. */
    record Factors(double[][] columns, double[][] rows, double[] cross, double[] xs, double[] ys) {
        /** Whether some class has an x1·x2 term (else exp(z_k) is columns[k][c] · rows[k][r] times a constant). */
        boolean crossed() {
            for (double c : cross) {
                if (c != 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * exp(c_k·x2·x1) at the first column of grid row {@code row} into {@code first[k]}, and the ratio from one
         * column to the next into {@code ratio[k]}; both exactly 1 for a class without an x1·x2 term. False when one
         * of them is 0, subnormal or infinite: then the products cannot be trusted along this row.
         */
        boolean crossRow(int row, double[] first, double[] ratio) {
            double spacing = xs.length > 1 ? xs[1] - xs[0] : 0;
            boolean normal = true;
            for (int k = 0; k < cross.length; k++) {
                double cy = cross[k] * ys[row];
                first[k] = Math.exp(cy * xs[0]);
                ratio[k] = Math.exp(cy * spacing);
                normal &= normal(first[k]) && normal(ratio[k]);
            }
            return normal;
        }

        private static boolean normal(double v) {
            return v >= Double.MIN_NORMAL && v <= Double.MAX_VALUE;
        }
    }

    private static double[][] relativeExp(double[][] parts) {
        int n = parts[0].length;
        double[][] out = new double[parts.length][n];
        for (int i = 0; i < n; i++) {
            double top = Double.NEGATIVE_INFINITY;
            for (double[] part : parts) {
                top = Math.max(top, part[i]);
            }
            for (int k = 0; k < parts.length; k++) {
                out[k][i] = Math.exp(parts[k][i] - top);
            }
        }
        return out;
    }

    /** z_k at the grid point (row, column). */
    double logit(int k, int row, int column) {
        return columnPart[k][column] + rowPart[k][row] + cross[k] * ys[row] * xs[column];
    }

    /** The first class with the largest logit at every grid point, row-major. */
    int[] winners() {
        int width = xs.length;
        int[] winner = new int[width * ys.length];
        double[] top = new double[width];
        double[][] z = new double[classes()][width];
        for (int row = 0; row < ys.length; row++) {
            row(row, z);
            winners(z, winner, row * width, top);
        }
        return winner;
    }

    /**
     * The first arg max over k of {@code z[k][c]} for each column c into {@code winner[offset + c]}, and the largest
     * logit into {@code top[c]}: a class at a time over the whole row.
     */
    static void winners(double[][] z, int[] winner, int offset, double[] top) {
        int width = top.length;
        System.arraycopy(z[0], 0, top, 0, width);
        Arrays.fill(winner, offset, offset + width, 0);
        for (int k = 1; k < z.length; k++) {
            double[] v = z[k];
            for (int c = 0; c < width; c++) {
                if (v[c] > top[c]) {
                    top[c] = v[c];
                    winner[offset + c] = k;
                }
            }
        }
    }

    /** z_k − max_{j≠k} z_j at grid point (row, column): positive exactly where k alone wins. */
    double margin(int k, int row, int column) {
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cross.length; j++) {
            if (j != k) {
                other = Math.max(other, logit(j, row, column));
            }
        }
        return logit(k, row, column) - other;
    }
}
