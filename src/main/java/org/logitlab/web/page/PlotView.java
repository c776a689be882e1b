package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.Dataset;
import org.logitlab.render.ConfidenceField;
import org.logitlab.render.DecisionBoundaries;
import org.logitlab.render.Palette;
import org.logitlab.render.PlotFrame;

/** What the plot shows at one step: the static point layer and the layers that change with every step. */
final class PlotView {
    /** One data point, placed in SVG coordinates. */
    record Mark(int index, String x, String y, int k, boolean test) {
    }

    /** A tick on an axis. */
    record Tick(int value, String at) {
    }

    private PlotView() {
    }

    static List<Mark> marks(TrainingRun run) {
        Dataset d = run.dataset();
        List<Mark> marks = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            marks.add(new Mark(i, PlotFrame.fmt(PlotFrame.px(d.x1(i))), PlotFrame.fmt(PlotFrame.py(d.x2(i))),
                    d.label(i), run.isTest(i)));
        }
        return marks;
    }

    /** Rings round the given point indices (the inspector's highlighted examples), as one SVG path. */
    static String rings(TrainingRun run, List<Integer> indices, double radius) {
        Dataset d = run.dataset();
        StringBuilder path = new StringBuilder();
        for (int i : indices) {
            ring(path, d.x1(i), d.x2(i), radius);
        }
        return path.toString();
    }

    /**
     * Rings round the points the model gets wrong at θ — where another class is strictly more likely than the true
     * one; a tie is no mistake (at θ = 0 every class ties everywhere) — as one SVG path: one element however many
     * there are, so a step early in training neither renders nor swaps in hundreds of elements.
     */
    static String misclassified(TrainingRun run, Parameters theta, double radius) {
        Dataset d = run.dataset();
        BitSet wrong = run.objective().misclassified(theta);
        StringBuilder path = new StringBuilder();
        for (int i = wrong.nextSetBit(0); i >= 0; i = wrong.nextSetBit(i + 1)) {
            ring(path, d.x1(i), d.x2(i), radius);
        }
        return path.toString();
    }

    /** A circle of {@code radius} SVG units round a data point: a move to its left edge and two half arcs. */
    private static void ring(StringBuilder path, double x1, double x2, double radius) {
        String r = PlotFrame.fmt(radius);
        path.append('M');
        PlotFrame.append(path, PlotFrame.px(x1) - radius).append(' ');
        PlotFrame.append(path, PlotFrame.py(x2));
        path.append('a').append(r).append(' ').append(r).append(" 0 1 0 ").append(PlotFrame.fmt(2 * radius))
                .append(" 0a").append(r).append(' ').append(r).append(" 0 1 0 -").append(PlotFrame.fmt(2 * radius))
                .append(" 0");
    }

    /** The confidence field as a PNG data URI; {@code discrete}: crisp class regions. */
    static String field(LogisticModel model, FeatureMap map, Parameters theta, boolean discrete) {
        return ConfidenceField.dataUri(model, map, theta, ConfidenceField.DEFAULT_CELLS, discrete);
    }

    static String boundaries(LogisticModel model, FeatureMap map, Parameters theta) {
        return DecisionBoundaries.path(model, map, theta);
    }

    /**
     * Each class's weight vector (w_{k,x1}, w_{k,x2}) as an arrow from the origin ({@code x2}, {@code y2} its tip
     * in SVG units, {@code colour} its class's), all scaled by one factor so
     * the longest is 4 units; empty unless every feature is x1 or x2.
     */
    static List<Map<String, String>> arrows(LogisticModel model, FeatureMap map, Parameters theta) {
        List<Map<String, String>> arrows = new ArrayList<>();
        if (!map.isLinear()) {
            return arrows;
        }
        int rows = model.rows();
        double[][] v = new double[rows][2];
        double longest = 0;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < map.size(); i++) {
                v[r][map.get(i) == org.logitlab.core.Feature.X1 ? 0 : 1] = theta.weight(r, i);
            }
            longest = Math.max(longest, Math.hypot(v[r][0], v[r][1]));
        }
        if (longest == 0) {
            return arrows;
        }
        double scale = 4 / longest;
        for (int r = 0; r < rows; r++) {
            int k = model.parameterization() == Parameterization.SIGMOID ? 1 : r;
            // Maps, not records: the template reads map entries directly, without reflection, on every step.
            arrows.add(Map.of("x2", PlotFrame.fmt(PlotFrame.px(v[r][0] * scale)),
                    "y2", PlotFrame.fmt(PlotFrame.py(v[r][1] * scale)), "colour", Palette.colour(k)));
        }
        return arrows;
    }

    static List<Tick> ticks(boolean vertical) {
        List<Tick> ticks = new ArrayList<>();
        for (int v = -6; v <= 6; v += 2) {
            ticks.add(new Tick(v, PlotFrame.fmt(vertical ? PlotFrame.py(v) : PlotFrame.px(v))));
        }
        return ticks;
    }
}
