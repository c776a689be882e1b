package org.logitlab.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.logitlab.core.Evaluation;
import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.History;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.render.Landscape;
import org.logitlab.data.Dataset;
import org.logitlab.data.DatasetSpec;
import org.logitlab.web.run.ParameterJson;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.StandardizationJson;

/** The JSON shapes of the API: plain maps and lists, in the field order of the contract. */
final class RunJson {
    private RunJson() {
    }

    static Map<String, Object> state(String id, RunSnapshot s, Permalink permalink) {
        Evaluation e = s.evaluation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("step", s.step());
        out.put("status", s.status().key());
        out.put("classes", s.config().classes());
        DatasetSpec data = s.config().dataset();
        out.put("classNames", data.classNames().isEmpty() ? null : data.classNames());
        out.put("standardization", StandardizationJson.of(data.standardization()));
        out.put("parameterization", s.config().parameterization().key());
        out.put("features", s.config().features().keys());
        out.put("learningRate", s.hyperparameters().learningRate());
        out.put("l2", s.hyperparameters().l2());
        out.put("l1", s.hyperparameters().l1());
        ParameterJson theta = ParameterJson.of(s.parameters());
        out.put("weights", theta.weights());
        out.put("biases", theta.biases());
        out.put("gradient", ParameterJson.of(e.gradient()));
        out.put("gradientNorm", e.gradientNorm());
        measurements(out, e.trainLoss(), e.testLoss(), e.objective(), e.trainAccuracy(), e.testAccuracy());
        out.put("permalink", permalink.of(s));
        return out;
    }

    /** {@code "loss": {train, test, objective}, "accuracy": {train, test}}; test values null without a split. */
    private static void measurements(Map<String, Object> out, double trainLoss, Double testLoss, double objective,
                                     double trainAccuracy, Double testAccuracy) {
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("train", trainLoss);
        loss.put("test", testLoss);
        loss.put("objective", objective);
        out.put("loss", loss);
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("train", trainAccuracy);
        accuracy.put("test", testAccuracy);
        out.put("accuracy", accuracy);
    }

    static Map<String, Object> dataset(TrainingRun run) {
        Dataset d = run.dataset();
        List<double[]> points = new ArrayList<>(d.size());
        List<String> split = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            points.add(new double[] {d.x1(i), d.x2(i), d.label(i)});
            split.add(run.isTest(i) ? "test" : "train");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", points);
        out.put("split", split);
        return out;
    }

    /** History rows, and {@code next}: where the following page starts, or null when these reach the current step. */
    static Map<String, Object> history(List<History.Row> history, Long next) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (History.Row r : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", r.step());
            measurements(row, r.trainLoss(), r.testLoss(), r.objective(), r.trainAccuracy(), r.testAccuracy());
            row.put("gradientNorm", r.gradientNorm());
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", rows);
        out.put("next", next);
        return out;
    }

    static Map<String, Object> example(TrainingRun run, int index, ExampleAnalysis a) {
        Dataset d = run.dataset();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("x", new double[] {d.x1(index), d.x2(index)});
        out.put("features", a.features());
        out.put("label", a.label());
        out.put("split", run.isTest(index) ? "test" : "train");
        out.put("logits", a.logits());
        out.put("probabilities", a.probabilities());
        out.put("loss", a.loss());
        Map<String, Object> gradient = new LinkedHashMap<>();
        gradient.put("weights", a.gradientWeights());
        gradient.put("biases", a.gradientBiases());
        out.put("gradient", gradient);
        return out;
    }

    /** One parameter's analysis, and its next batch step under {@code hp} (the L1 shrinkage written out). */
    static Map<String, Object> weight(WeightAnalysis w, Hyperparameters hp) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("k", w.row());
        out.put("i", w.index());
        out.put("weight", w.weight());
        out.put("gradient", w.gradient());
        // Far from any optimum (a run about to diverge) a finite difference can overflow: say so with null.
        out.put("numericalGradient", Double.isFinite(w.numericalGradient()) ? w.numericalGradient() : null);
        out.put("regularization", w.regularization());
        ProximalUpdate next = w.nextStep(hp.learningRate(), hp.l1());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("unshrunk", next.unshrunk());
        step.put("threshold", next.threshold());
        step.put("next", next.next());
        out.put("nextStep", step);
        List<Map<String, Object>> top = new ArrayList<>();
        for (WeightAnalysis.Term t : w.top(WeightAnalysis.TOP)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", t.point());
            c.put("value", t.value());
            top.add(c);
        }
        out.put("contributions", top);
        double rest = w.rest(WeightAnalysis.TOP);
        out.put("otherContributions", rest);
        return out;
    }

    /**
     * {@code {"a": {"k", "i", "values"}, "b": {...}, "objective": [[J at a.values[i], b.values[j]]], "path": [[a, b],
     * ...]}}: the path has one point per step from 0 to the run's step; the grid holds the current point.
     */
    static Map<String, Object> landscape(Landscape l) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("a", axis(l.a()));
        out.put("b", axis(l.b()));
        out.put("objective", l.objective());
        double[] pa = l.a().path();
        double[] pb = l.b().path();
        double[][] path = new double[pa.length][];
        for (int t = 0; t < pa.length; t++) {
            path[t] = new double[] {pa[t], pb[t]};
        }
        out.put("path", path);
        return out;
    }

    private static Map<String, Object> axis(Landscape.Axis axis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("k", axis.parameter().row());
        out.put("i", axis.parameter().index());
        out.put("values", axis.values());
        out.put("current", axis.current());
        out.put("gradient", axis.gradient());
        return out;
    }
}
