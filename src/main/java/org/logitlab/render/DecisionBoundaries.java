package org.logitlab.render;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/**
 * Where the predicted class changes, as SVG path data in {@link PlotFrame} coordinates.
 *
 * <p>With linear features every boundary is exact: for each pair of classes (j, k), the line z_j = z_k clipped to
 * the plot and to the half-planes where j and k beat every other class. With non-linear features the boundaries
 * are traced by marching squares on a fine grid with linear interpolation, so they are smooth curves, not pixel
 * edges.
 */
public final class DecisionBoundaries {
    /** Grid cells per side for tracing curved boundaries. */
    public static final int TRACE_CELLS = 100;

    private DecisionBoundaries() {
    }

    /** One SVG path {@code d} string holding every boundary. */
    public static String path(LogisticModel model, FeatureMap map, Parameters theta) {
        return map.isLinear() ? linear(model, map, theta) : traced(model, map, theta, TRACE_CELLS);
    }

    /** The exact segments for an affine model: z_k(x) = a_k·x1 + c_k·x2 + d_k. */
    static String linear(LogisticModel model, FeatureMap map, Parameters theta) {
        int classes = model.classes();
        double[] a = new double[classes];
        double[] c = new double[classes];
        double[] d = new double[classes];
        for (int k = 0; k < classes; k++) {
            int row = model.parameterization() == Parameterization.SIGMOID ? 0 : k;
            boolean scored = model.parameterization() == Parameterization.SOFTMAX || k == 1;
            if (!scored) {
                continue; // sigmoid: class 0 scores 0, class 1 scores z
            }
            d[k] = theta.bias(row);
            for (int i = 0; i < map.size(); i++) {
                if (map.get(i) == Feature.X1) {
                    a[k] += theta.weight(row, i);
                } else {
                    c[k] += theta.weight(row, i);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < classes; j++) {
            for (int k = j + 1; k < classes; k++) {
                double[] segment = pairSegment(a, c, d, j, k);
                if (segment != null) {
                    out.append('M').append(PlotFrame.fmt(PlotFrame.px(segment[0]))).append(' ')
                            .append(PlotFrame.fmt(PlotFrame.py(segment[1]))).append('L')
                            .append(PlotFrame.fmt(PlotFrame.px(segment[2]))).append(' ')
                            .append(PlotFrame.fmt(PlotFrame.py(segment[3])));
                }
            }
        }
        return out.toString();
    }

    /** The part of the line z_j = z_k inside the plot where j and k both beat every other class, or null. */
    static double[] pairSegment(double[] a, double[] c, double[] d, int j, int k) {
        double da = a[j] - a[k];
        double dc = c[j] - c[k];
        double dd = d[j] - d[k];
        double norm2 = da * da + dc * dc;
        if (norm2 < 1e-300) {
            return null;
        }
        // A point on the line and its direction.
        double x0 = -dd * da / norm2;
        double y0 = -dd * dc / norm2;
        double dx = -dc;
        double dy = da;
        double len = Math.sqrt(norm2);
        dx /= len;
        dy /= len;
        double[] range = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double e = PlotFrame.EXTENT;
        // Inside the square: x ≥ −6, −x ≥ −6, y ≥ −6, −y ≥ −6 written as n·p + off ≥ 0.
        if (!clip(range, 1, 0, e, x0, y0, dx, dy) || !clip(range, -1, 0, e, x0, y0, dx, dy)
                || !clip(range, 0, 1, e, x0, y0, dx, dy) || !clip(range, 0, -1, e, x0, y0, dx, dy)) {
            return null;
        }
        for (int m = 0; m < a.length; m++) {
            if (m == j || m == k) {
                continue;
            }
            // z_j − z_m ≥ 0 (on the line z_j = z_k, so z_k − z_m too).
            if (!clip(range, a[j] - a[m], c[j] - c[m], d[j] - d[m], x0, y0, dx, dy)) {
                return null;
            }
        }
        if (!(range[1] - range[0] > 1e-9)) {
            return null;
        }
        return new double[] {x0 + range[0] * dx, y0 + range[0] * dy, x0 + range[1] * dx, y0 + range[1] * dy};
    }

    /** Narrows the parameter range of p(t) = p0 + t·dir to where nx·x + ny·y + off ≥ 0; false if empty. */
    private static boolean clip(double[] range, double nx, double ny, double off, double x0, double y0, double dx,
                                double dy) {
        double base = nx * x0 + ny * y0 + off;
        double rate = nx * dx + ny * dy;
        if (Math.abs(rate) < 1e-300) {
            return base >= 0;
        }
        double t = -base / rate;
        if (rate > 0) {
            range[0] = Math.max(range[0], t);
        } else {
            range[1] = Math.min(range[1], t);
        }
        return range[0] < range[1];
    }

    /**
     * Marching squares over the margin f_k = z_k − max_{j≠k} z_j of every class, on a (cells+1)² vertex grid
     * with linear interpolation. Only cells whose corners disagree about the winning class are visited, and a
     * boundary between two classes is drawn once, by the earlier class, not once from each side.
     */
    static String traced(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        int n = cells + 1;
        double[] axis = new double[n];
        for (int i = 0; i < n; i++) {
            axis[i] = -PlotFrame.EXTENT + i * (2 * PlotFrame.EXTENT) / cells;
        }
        LogitGrid grid = new LogitGrid(model, map, theta, axis, axis);
        int[] winner = grid.winners();
        IntList mixed = new IntList();
        for (int iy = 0; iy < cells; iy++) {
            for (int ix = 0; ix < cells; ix++) {
                int v = iy * n + ix;
                int w = winner[v];
                if (winner[v + 1] != w || winner[v + n] != w || winner[v + n + 1] != w) {
                    mixed.add(v);
                }
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = PlotFrame.px(axis[i]);
            ys[i] = PlotFrame.py(axis[i]);
        }
        StringBuilder out = new StringBuilder();
        Contour contour = new Contour(grid, winner, new MarchingSquares(xs, ys), n);
        for (int k = 0; k < grid.classes(); k++) {
            contour.trace(k, mixed, out);
        }
        return out.toString();
    }

    /** The zero contour of one class's margin, traced by {@link MarchingSquares}. */
    private static final class Contour {
        private final LogitGrid grid;
        private final int[] winner;
        private final MarchingSquares squares;
        private final int n;

        Contour(LogitGrid grid, int[] winner, MarchingSquares squares, int n) {
            this.grid = grid;
            this.winner = winner;
            this.squares = squares;
            this.n = n;
        }

        void trace(int k, IntList mixed, StringBuilder out) {
            for (int c = 0; c < mixed.size; c++) {
                int v00 = mixed.items[c];
                int v10 = v00 + 1;
                int v01 = v00 + n;
                int v11 = v01 + 1;
                if (winner[v00] != k && winner[v10] != k && winner[v01] != k && winner[v11] != k) {
                    continue; // k's margin is positive only where k wins
                }
                double f00 = margin(k, v00);
                double f10 = margin(k, v10);
                double f01 = margin(k, v01);
                double f11 = margin(k, v11);
                // A boundary between two classes is drawn by the earlier one: skip the cell when every corner k does
                // not win belongs to an earlier class. Where three classes meet, k still draws its side.
                boolean later = !(f00 > 0) && winner[v00] > k || !(f10 > 0) && winner[v10] > k
                        || !(f01 > 0) && winner[v01] > k || !(f11 > 0) && winner[v11] > k;
                if (later) {
                    squares.cell(v00, f00, f10, f01, f11);
                }
            }
            squares.chain(vertex -> margin(k, vertex), out);
        }

        private double margin(int k, int vertex) {
            return grid.margin(k, vertex / n, vertex % n);
        }
    }
}
