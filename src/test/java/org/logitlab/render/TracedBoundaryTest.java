package org.logitlab.render;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curved decision boundaries, read back from the path and checked against the core's own predictions. */
class TracedBoundaryTest {
    static final Pattern POINT = Pattern.compile("[ML](-?\\d+(?:\\.\\d+)?) (-?\\d+(?:\\.\\d+)?)");
    static final double CELL = 12.0 / DecisionBoundaries.TRACE_CELLS;

    @Provide
    Arbitrary<Models> models() {
        return Models.any(true);
    }

    @Property(tries = 40)
    void every_traced_point_lies_within_one_cell_of_a_change_of_predicted_class(@ForAll("models") Models m) {
        String d = DecisionBoundaries.path(m.model(), m.map(), m.theta());
        assertTrue(d.isEmpty() || d.matches("(M[^M]+)+"), d);
        Matcher p = POINT.matcher(d);
        while (p.find()) {
            double x1 = (Double.parseDouble(p.group(1)) - PlotFrame.LEFT) / PlotFrame.SPAN * 12 - 6;
            double x2 = 6 - (Double.parseDouble(p.group(2)) - PlotFrame.TOP) / PlotFrame.SPAN * 12;
            Set<Integer> around = new HashSet<>();
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    around.add(m.predict(x1 + dx * CELL, x2 + dy * CELL));
                }
            }
            assertTrue(around.size() >= 2, "(" + x1 + ", " + x2 + ") is not near a boundary");
        }
    }

    @Property(tries = 40)
    void every_cell_where_the_predicted_class_changes_has_a_boundary_near_it(@ForAll("models") Models m) {
        String d = DecisionBoundaries.path(m.model(), m.map(), m.theta());
        int coarse = 40;
        double h = 12.0 / coarse;
        boolean[][] traced = new boolean[coarse][coarse];
        Matcher p = POINT.matcher(d);
        while (p.find()) {
            double x1 = (Double.parseDouble(p.group(1)) - PlotFrame.LEFT) / PlotFrame.SPAN * 12 - 6;
            double x2 = 6 - (Double.parseDouble(p.group(2)) - PlotFrame.TOP) / PlotFrame.SPAN * 12;
            int i = Math.min(coarse - 1, (int) ((x1 + 6) / h));
            int j = Math.min(coarse - 1, (int) ((x2 + 6) / h));
            traced[i][j] = true;
        }
        for (int i = 0; i < coarse; i++) {
            for (int j = 0; j < coarse; j++) {
                double x1 = -6 + i * h;
                double x2 = -6 + j * h;
                int a = m.predict(x1, x2);
                boolean changes = m.predict(x1 + h, x2) != a || m.predict(x1, x2 + h) != a
                        || m.predict(x1 + h, x2 + h) != a;
                if (changes) {
                    boolean near = false;
                    for (int di = -1; di <= 1 && !near; di++) {
                        for (int dj = -1; dj <= 1 && !near; dj++) {
                            int u = i + di;
                            int v = j + dj;
                            near = u >= 0 && v >= 0 && u < coarse && v < coarse && traced[u][v];
                        }
                    }
                    assertTrue(near, "the class changes in the cell at (" + x1 + ", " + x2 + ") but no boundary is drawn");
                }
            }
        }
    }
}
