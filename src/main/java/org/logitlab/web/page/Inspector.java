package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.Trajectory;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.data.Dataset;

/**
 * The inspector panel's content: for a weight, (4.61)/(5.48) written out with this step's numbers; for an
 * example, the chain rule from (4.56)–(4.61) or (5.45)–(5.48) with that example's numbers. TeX strings are
 * typeset in the browser by KaTeX.
 */
final class Inspector {
    static final int TOP = 10;
    static final int TRAJECTORY_SAMPLES = 200;

    /** A labelled formula with its textbook equation number. */
    record Equation(String tag, String tex) {
    }

    /** One example's term in a weight's gradient. */
    record Contribution(int index, String x, int label, String error, String feature, String value, double raw) {
    }

    /** A labelled value. */
    record Item(String label, String value) {
    }

    private Inspector() {
    }

    /**
     * @param forwardStep the inspector is refreshed after a step forward: its weight chart, drawn when it opened,
     *                    only needs the new point (replaying the run for the whole path happens once)
     */
    static Map<String, Object> of(Inspection inspection, TrainingRun run, RunSnapshot s, boolean forwardStep) {
        return inspection.kind() == Inspection.Kind.WEIGHT ? weight(inspection, run, s, forwardStep)
                : example(inspection, run, s);
    }

    static Map<String, Object> weight(Inspection in, TrainingRun run, RunSnapshot s, boolean forwardStep) {
        in.check(run);
        Parameters theta = s.parameters();
        int k = in.k();
        int i = in.i();
        boolean sigmoid = s.config().parameterization() == Parameterization.SIGMOID;
        boolean bias = i == theta.dimension();
        double l2 = s.hyperparameters().l2();
        WeightAnalysis w = WeightAnalysis.of(run.objective(), theta, l2, k, i);
        FeatureMap map = s.config().features();
        String name = parameterTex(sigmoid, bias, k, i, map);
        String phi = bias ? "1" : "\\phi_{" + (i + 1) + "}(\\mathbf{x}_n)";
        String err = sigmoid ? "\\big(\\sigma(\\mathbf{w}\\cdot\\mathbf{x}_n + b) - y_n\\big)"
                : "\\big(\\hat{y}_{n," + (k + 1) + "} - y_{n," + (k + 1) + "}\\big)";
        String reg = bias ? "" : " + \\lambda\\, " + name;
        List<Equation> equations = new ArrayList<>();
        equations.add(new Equation(sigmoid ? "(4.61)" : "(5.48)", "\\frac{\\partial J}{\\partial " + name
                + "} = \\frac{1}{N}\\sum_{n=1}^{N} " + err + "\\, " + phi + reg));

        int n = w.contributions().length;
        Integer[] order = w.rowsByMagnitude();
        int shown = Math.min(4, n);
        StringBuilder plugged = new StringBuilder("= \\tfrac{1}{" + n + "}\\Big[");
        double topSum = 0;
        for (int j = 0; j < shown; j++) {
            double c = w.contributions()[order[j]] * n;
            plugged.append(j == 0 ? "" : c < 0 ? " " : " + ").append(Tex.num(c));
            topSum += w.contributions()[order[j]];
        }
        double rest = 0;
        for (int j = shown; j < n; j++) {
            rest += w.contributions()[order[j]];
        }
        if (n > shown) {
            plugged.append(" + \\underbrace{\\cdots}_{").append(n - shown).append("\\ \\text{more}}");
        }
        plugged.append("\\Big]");
        if (!bias) {
            plugged.append(" + ").append(Tex.num(l2)).append(" \\times ").append(Tex.paren(w.weight()));
        }
        equations.add(new Equation("", plugged.toString()));
        equations.add(new Equation("", "= " + Tex.num(topSum) + " + " + Tex.paren(rest)
                + (bias ? "" : " + " + Tex.paren(w.regularization())) + " = " + Tex.num(w.gradient())));

        Dataset d = run.dataset();
        List<Contribution> top = new ArrayList<>();
        List<Integer> highlight = new ArrayList<>();
        for (int j = 0; j < Math.min(TOP, n); j++) {
            int row = order[j];
            int point = w.trainPointIndices()[row];
            double value = w.contributions()[row];
            double feature = bias ? 1 : run.objective().train().feature(row, i);
            top.add(new Contribution(point, "(" + Numbers.sig(d.x1(point), 3) + ", " + Numbers.sig(d.x2(point), 3)
                    + ")", d.label(point), Numbers.sig(value * n / feature, 4), Numbers.sig(feature, 4),
                    Numbers.sig(value, 4), value));
            highlight.add(point);
        }

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "weight");
        m.put("k", k);
        m.put("i", i);
        m.put("titleTex", "\\frac{\\partial J}{\\partial " + name + "}");
        m.put("equations", equations);
        m.put("weight", Numbers.sig(w.weight(), 6));
        m.put("gradient", Numbers.sig(w.gradient(), 8));
        m.put("gradientValue", w.gradient());
        m.put("numerical", Numbers.sig(w.numericalGradient(), 8));
        m.put("numericalValue", w.numericalGradient());
        m.put("relativeDifference", Numbers.sig(w.relativeDifference(), 2));
        m.put("regularization", Numbers.sig(w.regularization(), 6));
        m.put("regularizationValue", w.regularization());
        m.put("contributions", top);
        m.put("rest", Numbers.sig(w.gradient() - w.regularization() - sum(top), 6));
        m.put("restValue", w.gradient() - w.regularization() - sum(top));
        m.put("highlight", highlight);
        if (forwardStep) {
            m.put("trajectory", Tex.json(Map.of("steps", new long[] {s.step()}, "values", new double[] {w.weight()},
                    "gradients", new double[] {w.gradient()}, "append", true, "key", k + "," + i)));
        } else {
            Trajectory t = Trajectory.of(s.config(), s.step(), k, i, TRAJECTORY_SAMPLES);
            m.put("trajectory", Tex.json(Map.of("steps", t.steps(), "values", t.values(), "gradients", t.gradients(),
                    "append", false, "key", k + "," + i)));
        }
        return m;
    }

    private static double sum(List<Contribution> top) {
        double s = 0;
        for (Contribution c : top) {
            s += c.raw();
        }
        return s;
    }

    static Map<String, Object> example(Inspection in, TrainingRun run, RunSnapshot s) {
        Dataset d = run.dataset();
        in.check(run);
        int index = in.index();
        LogisticModel model = run.objective().model();
        FeatureMap map = s.config().features();
        ExampleAnalysis a = ExampleAnalysis.of(model, map, s.parameters(), d.x1(index), d.x2(index), d.label(index));
        boolean sigmoid = model.parameterization() == Parameterization.SIGMOID;
        List<Equation> steps = sigmoid ? Derivations.sigmoid(a, s.parameters(), map)
                : Derivations.softmax(a, s.parameters(), map);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "example");
        m.put("index", index);
        m.put("x", "(" + Numbers.sig(d.x1(index), 4) + ", " + Numbers.sig(d.x2(index), 4) + ")");
        m.put("label", d.label(index));
        m.put("split", run.isTest(index) ? "test" : "train");
        List<Item> features = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            features.add(new Item(FeatureLabels.text(map.get(i)), Numbers.sig(a.features()[i], 5)));
        }
        m.put("features", features);
        List<Item> logits = new ArrayList<>();
        for (int r = 0; r < a.logits().length; r++) {
            logits.add(new Item(sigmoid ? "z" : "z" + FeatureLabels.subscript(r + 1), Numbers.sig(a.logits()[r], 5)));
        }
        m.put("logits", logits);
        List<Item> probabilities = new ArrayList<>();
        for (int c = 0; c < a.probabilities().length; c++) {
            probabilities.add(new Item("p(y=" + c + "|x)", Numbers.sig(a.probabilities()[c], 5)));
        }
        m.put("probabilities", probabilities);
        m.put("loss", Numbers.sig(a.loss(), 6));
        m.put("lossValue", a.loss());
        m.put("steps", steps);
        m.put("gradientRows", exampleGradient(a, sigmoid));
        m.put("gradientHeaders", GradientTable.headers(map));
        m.put("twoClassAvailable", sigmoid);
        m.put("twoClassSoftmax", sigmoid && in.twoClassSoftmax());
        if (sigmoid && in.twoClassSoftmax()) {
            m.put("softmaxSteps", Derivations.asTwoClassSoftmax(a, s.parameters(), map));
        }
        m.put("highlight", List.of(index));
        return m;
    }

    private static List<List<String>> exampleGradient(ExampleAnalysis a, boolean sigmoid) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < a.gradientWeights().length; r++) {
            List<String> row = new ArrayList<>();
            row.add(sigmoid ? "w" : "w" + FeatureLabels.subscript(r + 1));
            for (double v : a.gradientWeights()[r]) {
                row.add(Numbers.sig(v, 4));
            }
            row.add(Numbers.sig(a.gradientBiases()[r], 4));
            rows.add(row);
        }
        return rows;
    }

    static String parameterTex(boolean sigmoid, boolean bias, int k, int i, FeatureMap map) {
        if (bias) {
            return sigmoid ? "b" : "b_{" + (k + 1) + "}";
        }
        return sigmoid ? "w_{" + (i + 1) + "}" : "w_{" + (k + 1) + "," + (i + 1) + "}";
    }
}
