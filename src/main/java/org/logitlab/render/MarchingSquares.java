package org.logitlab.render;

import java.util.Arrays;

/**
 * Marching squares on a grid of vertices, with linear interpolation along the cell edges, joined into polylines.
 *
 * <p>A tracer hands over the cells its contour f = 0 may cross ({@link #cell}); each crossing is named by the grid
 * edge it lies on, 2·v for the edge from vertex v to its right and 2·v + 1 for the edge upward (vertex v = row·width
 * + column, rows from the bottom). {@link #chain} then walks the links into SVG path data: open lines whole from one
 * end, closed loops ending in {@code Z}. The links are kept in sorted arrays, not boxed hash maps.
 */
final class MarchingSquares {
    /** f at vertex v of the grid: its contour f = 0 is what is traced. */
    @FunctionalInterface
    interface Field {
        double at(int vertex);
    }

    private final double[] xs;
    private final double[] ys;
    private final int width;
    private final IntList from = new IntList();
    private final IntList to = new IntList();

    /** @param xs the SVG x of each grid column, @param ys the SVG y of each grid row (row 0 at the bottom) */
    MarchingSquares(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
        this.width = xs.length;
    }

    /**
     * Links the crossings of f = 0 in the cell whose lower-left vertex is {@code v00}, given f at its four corners
     * (right, up, diagonal). Where all four corners are on one side there is nothing to link; a saddle (all four
     * edges crossed) is resolved by the average of the corners, the value at the centre.
     */
    void cell(int v00, double f00, double f10, double f01, double f11) {
        boolean b00 = f00 > 0;
        boolean b10 = f10 > 0;
        boolean b01 = f01 > 0;
        boolean b11 = f11 > 0;
        if (b00 == b10 && b10 == b11 && b11 == b01) {
            return;
        }
        int bottom = 2 * v00;
        int top = 2 * (v00 + width);
        int left = 2 * v00 + 1;
        int right = 2 * (v00 + 1) + 1;
        if (b00 != b10 && b10 != b11 && b11 != b01) {
            boolean centre = (f00 + f10 + f01 + f11) / 4 > 0;
            if (centre == b00) {
                link(bottom, right);
                link(top, left);
            } else {
                link(bottom, left);
                link(top, right);
            }
            return;
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

    private void link(int a, int b) {
        from.add(a);
        to.add(b);
    }

    /** Appends the cells linked since the last call as polylines of f = 0, and forgets them. */
    void chain(Field f, StringBuilder out) {
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
                walk(f, ids, adjacent, visited, start, out);
            }
        }
        from.size = 0;
        to.size = 0;
    }

    private void walk(Field f, int[] ids, int[] adjacent, boolean[] visited, int start, StringBuilder out) {
        int current = start;
        int previous = -1;
        char command = 'M';
        while (current != -1 && !visited[current]) {
            visited[current] = true;
            point(f, ids[current], command, out);
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

    /** The crossing on grid edge {@code edge}, linearly interpolated between its two vertices. */
    private void point(Field f, int edge, char command, StringBuilder out) {
        int v = edge >> 1;
        boolean upward = (edge & 1) == 1;
        int column = v % width;
        int row = v / width;
        double fv = f.at(v);
        double t = fv / (fv - f.at(upward ? v + width : v + 1));
        double x = upward ? xs[column] : xs[column] + t * (xs[column + 1] - xs[column]);
        double y = upward ? ys[row] + t * (ys[row + 1] - ys[row]) : ys[row];
        out.append(command);
        PlotFrame.append(out, x);
        out.append(' ');
        PlotFrame.append(out, y);
    }
}
