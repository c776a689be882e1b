package org.logitlab.render;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;

/**
 * φ over a regular grid. A feature of x1 alone is computed once per column and one of x2 alone once per row, so a
 * grid of c² points costs c sines, not c²; the values are exactly {@link Feature#apply}'s.
 */
final class GridFeatures {
    private final FeatureMap map;
    private final double[] xs;
    private final double[] ys;
    private final double[][] byColumn;
    private final double[][] byRow;

    /** @param xs x1 of each column, @param ys x2 of each row */
    GridFeatures(FeatureMap map, double[] xs, double[] ys) {
        this.map = map;
        this.xs = xs;
        this.ys = ys;
        this.byColumn = new double[map.size()][];
        this.byRow = new double[map.size()][];
        for (int j = 0; j < map.size(); j++) {
            Feature f = map.get(j);
            switch (f) {
                case X1, X1_SQUARED, SIN_X1 -> {
                    byColumn[j] = new double[xs.length];
                    for (int c = 0; c < xs.length; c++) {
                        byColumn[j][c] = f.apply(xs[c], 0);
                    }
                }
                case X2, X2_SQUARED, SIN_X2 -> {
                    byRow[j] = new double[ys.length];
                    for (int r = 0; r < ys.length; r++) {
                        byRow[j][r] = f.apply(0, ys[r]);
                    }
                }
                default -> {
                    // x1·x2 depends on both: computed per point
                }
            }
        }
    }

    void fill(int row, int column, double[] phi) {
        for (int j = 0; j < phi.length; j++) {
            phi[j] = byColumn[j] != null ? byColumn[j][column]
                    : byRow[j] != null ? byRow[j][row] : xs[column] * ys[row];
        }
    }

    int size() {
        return map.size();
    }
}
