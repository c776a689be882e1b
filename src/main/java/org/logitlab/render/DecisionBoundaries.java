package org.logitlab.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public static final int TRACE_CELLS = 160;

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

    /** Marching squares over the margin f_k = z_k − max_{j≠k} z_j of every class (just z for sigmoid). */
    static String traced(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        int n = cells + 1;
        int rows = model.rows();
        double[] axis = new double[n];
        for (int i = 0; i < n; i++) {
            axis[i] = vertex(i, cells);
        }
        GridFeatures grid = new GridFeatures(map, axis, axis);
        double[][] logits = new double[n * n][rows];
        double[] phi = new double[map.size()];
        for (int iy = 0; iy < n; iy++) {
            for (int ix = 0; ix < n; ix++) {
                grid.fill(iy, ix, phi);
                model.logits(theta, phi, 0, logits[iy * n + ix]);
            }
        }
        StringBuilder out = new StringBuilder();
        double[] values = new double[n * n];
        if (model.parameterization() == Parameterization.SIGMOID) {
            for (int v = 0; v < values.length; v++) {
                values[v] = logits[v][0];
            }
            contour(values, cells, null, 0, out);
            return out.toString();
        }
        int[] winner = new int[n * n];
        for (int v = 0; v < values.length; v++) {
            winner[v] = argmax(logits[v]);
        }
        for (int k = 0; k < rows; k++) {
            for (int v = 0; v < values.length; v++) {
                values[v] = margin(logits[v], k);
            }
            contour(values, cells, winner, k, out);
        }
        return out.toString();
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double margin(double[] z, int k) {
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < z.length; j++) {
            if (j != k) {
                other = Math.max(other, z[j]);
            }
        }
        return z[k] - other;
    }

    private static double vertex(int i, int cells) {
        return -PlotFrame.EXTENT + i * (2 * PlotFrame.EXTENT) / cells;
    }

    /**
     * Appends the zero contour of {@code values} (on (cells+1)² vertices) as joined polylines. With
     * {@code winner} given, a cell is traced only when the classes just outside region {@code k} come after k,
     * so a boundary between two classes is drawn once, not once from each side.
     */
    static void contour(double[] values, int cells, int[] winner, int k, StringBuilder out) {
        int n = cells + 1;
        // Crossing points are named by the grid edge they lie on: 2·(vertex index) for the edge to the right,
        // 2·(vertex index) + 1 for the edge upward.
        Map<Integer, List<Integer>> links = new HashMap<>();
        Map<Integer, double[]> points = new HashMap<>();
        for (int iy = 0; iy < cells; iy++) {
            for (int ix = 0; ix < cells; ix++) {
                int v00 = iy * n + ix;
                int v10 = v00 + 1;
                int v01 = v00 + n;
                int v11 = v01 + 1;
                boolean b00 = values[v00] > 0;
                boolean b10 = values[v10] > 0;
                boolean b01 = values[v01] > 0;
                boolean b11 = values[v11] > 0;
                if (b00 == b10 && b10 == b11 && b11 == b01) {
                    continue; // no boundary crosses this cell: the common case, so nothing is allocated
                }
                int bottom = 2 * v00;
                int top = 2 * v01;
                int left = 2 * v00 + 1;
                int right = 2 * v10 + 1;
                List<Integer> crossings = new ArrayList<>(4);
                if (b00 != b10) {
                    crossings.add(bottom);
                }
                if (b10 != b11) {
                    crossings.add(right);
                }
                if (b11 != b01) {
                    crossings.add(top);
                }
                if (b01 != b00) {
                    crossings.add(left);
                }
                if (winner != null && drawnByEarlierClass(winner, k, values, v00, v10, v01, v11)) {
                    continue;
                }
                for (int e : crossings) {
                    points.computeIfAbsent(e, id -> crossing(id, values, cells));
                }
                if (crossings.size() == 2) {
                    link(links, crossings.get(0), crossings.get(1));
                } else if (crossings.size() == 4) {
                    // Saddle: decide by the centre value which corners connect.
                    double centre = (values[v00] + values[v10] + values[v01] + values[v11]) / 4;
                    if ((centre > 0) == b00) {
                        link(links, bottom, right);
                        link(links, top, left);
                    } else {
                        link(links, bottom, left);
                        link(links, top, right);
                    }
                }
            }
        }
        chain(links, points, out);
    }

    private static boolean drawnByEarlierClass(int[] winner, int k, double[] values, int... corners) {
        for (int v : corners) {
            if (values[v] <= 0 && winner[v] < k) {
                return true;
            }
        }
        return false;
    }

    private static void link(Map<Integer, List<Integer>> links, int a, int b) {
        links.computeIfAbsent(a, x -> new ArrayList<>(2)).add(b);
        links.computeIfAbsent(b, x -> new ArrayList<>(2)).add(a);
    }

    private static double[] crossing(int edge, double[] values, int cells) {
        int n = cells + 1;
        int v = edge / 2;
        int w = edge % 2 == 0 ? v + 1 : v + n;
        double t = values[v] / (values[v] - values[w]);
        double x = vertex(v % n, cells) + (edge % 2 == 0 ? t * (2 * PlotFrame.EXTENT) / cells : 0);
        double y = vertex(v / n, cells) + (edge % 2 == 1 ? t * (2 * PlotFrame.EXTENT) / cells : 0);
        return new double[] {x, y};
    }

    /** Walks the crossing graph into polylines, starting from open ends first so that each line is whole. */
    private static void chain(Map<Integer, List<Integer>> links, Map<Integer, double[]> points, StringBuilder out) {
        List<Integer> starts = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : links.entrySet()) {
            if (e.getValue().size() == 1) {
                starts.add(e.getKey());
            }
        }
        starts.sort(null);
        List<Integer> rest = new ArrayList<>(links.keySet());
        rest.sort(null);
        starts.addAll(rest);
        java.util.Set<Integer> visited = new java.util.HashSet<>();
        for (int start : starts) {
            if (visited.contains(start)) {
                continue;
            }
            int current = start;
            int previous = -1;
            boolean first = true;
            while (current != -1 && visited.add(current)) {
                double[] p = points.get(current);
                out.append(first ? 'M' : 'L').append(PlotFrame.fmt(PlotFrame.px(p[0]))).append(' ')
                        .append(PlotFrame.fmt(PlotFrame.py(p[1])));
                first = false;
                int next = -1;
                for (int candidate : links.get(current)) {
                    if (candidate != previous && !visited.contains(candidate)) {
                        next = candidate;
                        break;
                    }
                }
                if (next == -1 && !first) {
                    // Close a loop back to where it began.
                    for (int candidate : links.get(current)) {
                        if (candidate == start && candidate != previous) {
                            out.append('Z');
                        }
                    }
                }
                previous = current;
                current = next;
            }
        }
    }
}
