package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;

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

    /** A weight vector drawn from the origin (linear features only). */
    record Arrow(int k, String x2, String y2, String colour) {
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

    /** Marks for the given point indices (the inspector's highlighted examples). */
    static List<Mark> select(TrainingRun run, List<?> indices) {
        Dataset d = run.dataset();
        List<Mark> out = new ArrayList<>();
        for (Object o : indices) {
            int i = (Integer) o;
            out.add(new Mark(i, PlotFrame.fmt(PlotFrame.px(d.x1(i))), PlotFrame.fmt(PlotFrame.py(d.x2(i))), d.label(i),
                    run.isTest(i)));
        }
        return out;
    }

    /** The points the model gets wrong at θ. */
    static List<Mark> misclassified(TrainingRun run, FeatureMap map, Parameters theta) {
        LogisticModel model = run.objective().model();
        Dataset d = run.dataset();
        double[] phi = new double[map.size()];
        double[] z = new double[model.rows()];
        List<Mark> wrong = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            map.apply(d.x1(i), d.x2(i), phi, 0);
            model.logits(theta, phi, 0, z);
            if (model.predict(z) != d.label(i)) {
                wrong.add(new Mark(i, PlotFrame.fmt(PlotFrame.px(d.x1(i))), PlotFrame.fmt(PlotFrame.py(d.x2(i))),
                        d.label(i), run.isTest(i)));
            }
        }
        return wrong;
    }

    static String field(LogisticModel model, FeatureMap map, Parameters theta) {
        return ConfidenceField.compute(model, map, theta, ConfidenceField.DEFAULT_CELLS).dataUri();
    }

    static String boundaries(LogisticModel model, FeatureMap map, Parameters theta) {
        return DecisionBoundaries.path(model, map, theta);
    }

    /**
     * Each class's weight vector (w_{k,x1}, w_{k,x2}) as an arrow from the origin, all scaled by one factor so
     * the longest is 4 units; empty unless every feature is x1 or x2.
     */
    static List<Arrow> arrows(LogisticModel model, FeatureMap map, Parameters theta) {
        List<Arrow> arrows = new ArrayList<>();
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
            arrows.add(new Arrow(k, PlotFrame.fmt(PlotFrame.px(v[r][0] * scale)),
                    PlotFrame.fmt(PlotFrame.py(v[r][1] * scale)), Palette.colour(k)));
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
