package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.Trajectory;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.data.Dataset;
import org.logitlab.web.input.Json;

/**
 * The inspector panel's content: for a weight, (4.61)/(5.48) written out with this step's numbers; for an
 * example, the chain rule from (4.56)–(4.61) or (5.45)–(5.48) with that example's numbers. TeX strings are
 * typeset in the browser by KaTeX.
 */
final class Inspector {
    private Inspector() {
    }

    /**
     * @param path the weight's path when the inspector opens; null after a step forward, when the weight chart
     *             drawn then only needs the new point
     */
    static InspectorView of(Inspection inspection, TrainingRun run, RunSnapshot s, Trajectory path, Locale locale) {
        if (inspection == null) {
            return new InspectorView.Closed(s.config().parameterization() == Parameterization.SIGMOID);
        }
        return inspection.kind() == Inspection.Kind.WEIGHT ? weight(inspection, run, s, path, locale)
                : example(inspection, run, s, locale);
    }

    static InspectorView.Weight weight(Inspection in, TrainingRun run, RunSnapshot s, Trajectory path,
                                       Locale locale) {
        in.check(run);
        Parameters theta = s.parameters();
        int k = in.k();
        int i = in.i();
        boolean sigmoid = s.config().parameterization() == Parameterization.SIGMOID;
        boolean bias = i == theta.dimension();
        Hyperparameters hp = s.hyperparameters();
        double l2 = hp.l2();
        // With L1, J has no derivative at w = 0: the lines differentiate J_smooth, and the L1 part follows them.
        boolean l1 = hp.l1() > 0;
        String dJ = l1 ? ProximalLines.SMOOTH : "\\partial J";
        WeightAnalysis w = WeightAnalysis.of(run.objective(), theta, l2, k, i);
        FeatureMap map = s.config().features();
        String name = parameterTex(sigmoid, bias, k, i);
        String phi = bias ? "1" : "\\phi_{" + (i + 1) + "}(\\mathbf{x}_n)";
        String err = sigmoid ? "\\big(\\sigma(\\mathbf{w}\\cdot\\mathbf{x}_n + b) - y_n\\big)"
                : "\\big(\\hat{y}_{n," + (k + 1) + "} - y_{n," + (k + 1) + "}\\big)";
        String reg = bias ? "" : (l1 ? " + \\lambda_2\\, " : " + \\lambda\\, ") + name;
        List<InspectorView.Equation> equations = new ArrayList<>();
        if (l1) {
            equations.add(ProximalLines.objective(sigmoid));
        }
        equations.add(new InspectorView.Equation(sigmoid ? "(4.61)" : "(5.48)", "\\frac{" + dJ + "}{\\partial "
                + name + "} = \\frac{1}{N}\\sum_{n=1}^{N} " + err + "\\, " + phi + reg));

        int n = w.contributions().length;
        int shown = Math.min(4, n);
        List<WeightAnalysis.Term> top = w.top(WeightAnalysis.TOP);
        StringBuilder plugged = new StringBuilder("= \\tfrac{1}{" + n + "}\\Big[");
        double topSum = 0;
        for (int j = 0; j < shown; j++) {
            double c = top.get(j).value() * n;
            plugged.append(j == 0 ? "" : c < 0 ? " " : " + ").append(Tex.num(c));
            topSum += top.get(j).value();
        }
        double rest = w.rest(shown);
        if (n > shown) {
            plugged.append(" + \\underbrace{\\cdots}_{\\text{").append(Templates.message(locale, "inspector.more",
                    n - shown)).append("}}");
        }
        plugged.append("\\Big]");
        if (!bias) {
            plugged.append(" + ").append(Tex.num(l2)).append(" \\times ").append(Tex.paren(w.weight()));
        }
        equations.add(new InspectorView.Equation("", plugged.toString()));
        equations.add(new InspectorView.Equation("", "= " + Tex.num(topSum) + " + " + Tex.paren(rest)
                + (bias ? "" : " + " + Tex.paren(w.regularization())) + " = " + Tex.num(w.gradient())));
        ProximalUpdate next = w.nextStep(hp.learningRate(), hp.l1());
        if (l1) {
            equations.addAll(ProximalLines.step(name, next, hp, bias));
        }

        Dataset d = run.dataset();
        List<InspectorView.Contribution> contributions = new ArrayList<>();
        List<Integer> highlight = new ArrayList<>();
        double shownSum = 0;
        for (WeightAnalysis.Term t : top) {
            int point = t.point();
            double feature = bias ? 1 : run.objective().train().feature(t.row(), i);
            contributions.add(new InspectorView.Contribution(point, "(" + Numbers.sig(d.x1(point), 3) + ", "
                    + Numbers.sig(d.x2(point), 3) + ")", d.label(point) + 1, Numbers.sig(t.value() * n / feature, 4),
                    Numbers.sig(feature, 4), Numbers.sig(t.value(), 4), t.value()));
            highlight.add(point);
            shownSum += t.value();
        }
        double others = w.gradient() - w.regularization() - shownSum;
        String errorHeading = sigmoid ? "ŷ − y" : "ŷ" + FeatureLabels.subscript(k + 1) + " − y"
                + FeatureLabels.subscript(k + 1);
        return new InspectorView.Weight(k, i, "\\frac{" + dJ + "}{\\partial " + name + "}", errorHeading, equations,
                Numbers.sig(w.weight(), 6), Numbers.sig(w.gradient(), 8), w.gradient(),
                Numbers.sig(w.numericalGradient(), 8), w.numericalGradient(), Numbers.sig(w.relativeDifference(), 2),
                Numbers.sig(w.regularization(), 6), w.regularization(), contributions, Numbers.sig(others, 6), others,
                highlight, trajectory(s, k, i, w, path), l1 ? ProximalLines.view(next, bias, locale) : null);
    }

    /** The weight chart's data: the whole sampled path when the inspector opens, the new point after a step. */
    private static String trajectory(RunSnapshot s, int k, int i, WeightAnalysis w, Trajectory path) {
        if (path == null) {
            return Json.write(new Chart(new long[] {s.step()}, new double[] {w.weight()},
                    new double[] {w.gradient()}, true, k + "," + i));
        }
        return Json.write(new Chart(path.steps(), path.values(), path.gradients(), false, k + "," + i));
    }

    /**
     * The weight chart's JSON: {@code append} adds the points to the chart instead of replacing its data. A record,
     * so the keys keep one order from one start to the next.
     */
    record Chart(long[] steps, double[] values, double[] gradients, boolean append, String key) {
    }

    static InspectorView.Example example(Inspection in, TrainingRun run, RunSnapshot s, Locale locale) {
        Dataset d = run.dataset();
        in.check(run);
        int index = in.index();
        LogisticModel model = run.objective().model();
        FeatureMap map = s.config().features();
        ExampleAnalysis a = ExampleAnalysis.of(model, map, s.parameters(), d.x1(index), d.x2(index), d.label(index));
        boolean sigmoid = model.parameterization() == Parameterization.SIGMOID;
        List<InspectorView.Equation> steps = sigmoid ? Derivations.sigmoid(a, s.parameters())
                : Derivations.softmax(a);
        List<InspectorView.Item> features = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            features.add(new InspectorView.Item(FeatureLabels.text(map.get(i)), Numbers.sig(a.features()[i], 5)));
        }
        List<InspectorView.Item> logits = new ArrayList<>();
        for (int r = 0; r < a.logits().length; r++) {
            logits.add(new InspectorView.Item(sigmoid ? "z" : "z" + FeatureLabels.subscript(r + 1),
                    Numbers.sig(a.logits()[r], 5)));
        }
        List<InspectorView.Item> probabilities = new ArrayList<>();
        for (int c = 0; c < a.probabilities().length; c++) {
            probabilities.add(new InspectorView.Item("p(" + (c + 1) + "|x)", Numbers.sig(a.probabilities()[c], 5)));
        }
        boolean twoClass = sigmoid && in.twoClassSoftmax();
        // People count classes 1…K; the sigmoid's y is the textbook's 0/1, y = 1 for class 2.
        String classLabel = (d.label(index) + 1) + (sigmoid ? " (y = " + d.label(index) + ")" : "");
        return new InspectorView.Example(index, "(" + Numbers.sig(d.x1(index), 4) + ", "
                + Numbers.sig(d.x2(index), 4) + ")", classLabel, run.isTest(index) ? "test" : "train", features,
                logits, probabilities, Numbers.sig(a.loss(), 6), a.loss(), steps, exampleGradient(a, sigmoid),
                GradientTable.headers(map), sigmoid, twoClass,
                twoClass ? Derivations.asTwoClassSoftmax(a) : List.of(), List.of(index));
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

    static String parameterTex(boolean sigmoid, boolean bias, int k, int i) {
        if (bias) {
            return sigmoid ? "b" : "b_{" + (k + 1) + "}";
        }
        return sigmoid ? "w_{" + (i + 1) + "}" : "w_{" + (k + 1) + "," + (i + 1) + "}";
    }
}
