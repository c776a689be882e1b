package org.logitlab.render;

import java.util.Arrays;

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
        StringBuilder out = new StringBuilder();
        Contour contour = new Contour(grid, winner, axis, cells);
        for (int k = 0; k < grid.classes(); k++) {
            contour.trace(k, mixed, out);
        }
        return out.toString();
    }

    /** A growable list of ints. */
    private static final class IntList {
        int[] items = new int[64];
        int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = v;
        }
    }

    /**
     * The zero contour of one class's margin as joined polylines. Crossing points are named by the grid edge they
     * lie on: 2·(vertex) for the edge to the right, 2·(vertex) + 1 for the edge upward.
     */
    private static final class Contour {
        private final LogitGrid grid;
        private final int[] winner;
        private final double[] axis;
        private final int n;
        private final double step;
        private final IntList from = new IntList();
        private final IntList to = new IntList();

        Contour(LogitGrid grid, int[] winner, double[] axis, int cells) {
            this.grid = grid;
            this.winner = winner;
            this.axis = axis;
            this.n = cells + 1;
            this.step = (2 * PlotFrame.EXTENT) / cells;
        }

        void trace(int k, IntList mixed, StringBuilder out) {
            from.size = 0;
            to.size = 0;
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
                boolean b00 = f00 > 0;
                boolean b10 = f10 > 0;
                boolean b01 = f01 > 0;
                boolean b11 = f11 > 0;
                // A boundary between two classes is drawn by the earlier one: skip the cell when every corner k does
                // not win belongs to an earlier class. Where three classes meet, k still draws its side.
                boolean later = !b00 && winner[v00] > k || !b10 && winner[v10] > k
                        || !b01 && winner[v01] > k || !b11 && winner[v11] > k;
                if (b00 == b10 && b10 == b11 && b11 == b01 || !later) {
                    continue;
                }
                int bottom = 2 * v00;
                int top = 2 * v01;
                int left = 2 * v00 + 1;
                int right = 2 * v10 + 1;
                int crossings = (b00 != b10 ? 1 : 0) + (b10 != b11 ? 1 : 0) + (b11 != b01 ? 1 : 0)
                        + (b01 != b00 ? 1 : 0);
                if (crossings == 4) {
                    // Saddle: decide by the centre value which corners connect.
                    boolean centre = (f00 + f10 + f01 + f11) / 4 > 0;
                    if (centre == b00) {
                        link(bottom, right);
                        link(top, left);
                    } else {
                        link(bottom, left);
                        link(top, right);
                    }
                    continue;
                }
                int first = -1;
                int[] edges = {bottom, right, top, left};
                boolean[] crossed = {b00 != b10, b10 != b11, b11 != b01, b01 != b00};
                for (int e = 0; e < 4; e++) {
                    if (crossed[e]) {
                        if (first < 0) {
                            first = edges[e];
                        } else {
                            link(first, edges[e]);
                        }
                    }
                }
            }
            chain(k, out);
        }

        private double margin(int k, int vertex) {
            return grid.margin(k, vertex / n, vertex % n);
        }

        private void link(int a, int b) {
            from.add(a);
            to.add(b);
        }

        /** Walks the links into polylines, open ends first so that each open line is drawn whole. */
        private void chain(int k, StringBuilder out) {
            int links = from.size;
            if (links == 0) {
                return;
            }
            int[] ids = Arrays.copyOf(from.items, 2 * links);
            System.arraycopy(to.items, 0, ids, links, links);
            Arrays.sort(ids);
            int nodes = 0;
            for (int i = 0; i < ids.length; i++) {
                if (i == 0 || ids[i] != ids[i - 1]) {
                    ids[nodes++] = ids[i];
                }
            }
            int[] adjacent = new int[2 * nodes];
            Arrays.fill(adjacent, -1);
            for (int s = 0; s < links; s++) {
                int a = Arrays.binarySearch(ids, 0, nodes, from.items[s]);
                int b = Arrays.binarySearch(ids, 0, nodes, to.items[s]);
                adjacent[adjacent[2 * a] < 0 ? 2 * a : 2 * a + 1] = b;
                adjacent[adjacent[2 * b] < 0 ? 2 * b : 2 * b + 1] = a;
            }
            boolean[] visited = new boolean[nodes];
            for (int pass = 0; pass < 2; pass++) {
                for (int start = 0; start < nodes; start++) {
                    boolean openEnd = adjacent[2 * start + 1] < 0;
                    if (visited[start] || pass == 0 && !openEnd) {
                        continue;
                    }
                    walk(k, ids, adjacent, visited, start, out);
                }
            }
        }

        private void walk(int k, int[] ids, int[] adjacent, boolean[] visited, int start, StringBuilder out) {
            int current = start;
            int previous = -1;
            char command = 'M';
            while (current != -1 && !visited[current]) {
                visited[current] = true;
                point(k, ids[current], command, out);
                command = 'L';
                int next = -1;
                for (int side = 0; side < 2; side++) {
                    int candidate = adjacent[2 * current + side];
                    if (candidate >= 0 && candidate != previous && !visited[candidate]) {
                        next = candidate;
                        break;
                    }
                }
                if (next == -1 && current != start && (adjacent[2 * current] == start
                        || adjacent[2 * current + 1] == start) && previous != start) {
                    out.append('Z'); // a loop, back where it began
                }
                previous = current;
                current = next;
            }
        }

        /** The crossing on grid edge {@code edge}, linearly interpolated, appended in SVG coordinates. */
        private void point(int k, int edge, char command, StringBuilder out) {
            int v = edge >> 1;
            boolean upward = (edge & 1) == 1;
            int w = upward ? v + n : v + 1;
            double fv = margin(k, v);
            double t = fv / (fv - margin(k, w));
            double x = axis[v % n] + (upward ? 0 : t * step);
            double y = axis[v / n] + (upward ? t * step : 0);
            out.append(command);
            PlotFrame.append(out, PlotFrame.px(x));
            out.append(' ');
            PlotFrame.append(out, PlotFrame.py(y));
        }
    }
}
