package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Parameterization;
import org.logitlab.core.RunConfig;
import org.logitlab.data.CsvPoints;
import org.logitlab.data.DatasetSpec;
import org.logitlab.text.Sentence;
import org.logitlab.web.input.FieldError;

/**
 * The data and settings a custom-point action starts from (the page's run, or its empty canvas), and the
 * configuration each action makes of them: a point added or removed, the canvas cleared, a CSV file's points. Each
 * keeps the model settings and the η and λs in force, from step 0. A configuration with no points is an empty
 * canvas.
 *
 * @param hyperparameters the η and λs in force at the page's step
 * @param points          the points as {@code [x1, x2, label]}
 */
record PageData(RunConfig config, Hyperparameters hyperparameters, List<double[]> points) {
    PageData {
        points = List.copyOf(points);
    }

    /** With a new point of class {@code label}, its coordinates rounded to 0.01 so that the permalink stays short. */
    RunConfig withPoint(double x1, double x2, int label) {
        if (label < 0 || label >= config.classes()) {
            throw FieldError.invalid("label", Sentence.INTEGER_FROM.with(0, config.classes() - 1));
        }
        if (points.size() >= DatasetSpec.MAX_POINTS) {
            throw FieldError.invalid("x1", "error.points.full", DatasetSpec.MAX_POINTS);
        }
        List<double[]> more = new ArrayList<>(points);
        more.add(new double[] {Math.round(x1 * 100) / 100.0, Math.round(x2 * 100) / 100.0, label});
        return withPoints(more);
    }

    /** Without point {@code index} (an empty canvas has only index 0, and stays empty). */
    RunConfig without(int index) {
        if (index < 0 || index >= Math.max(1, points.size())) {
            throw FieldError.invalid("index", Sentence.INTEGER_FROM.with(0, Math.max(0, points.size() - 1)));
        }
        List<double[]> fewer = new ArrayList<>(points);
        if (!fewer.isEmpty()) {
            fewer.remove(index);
        }
        return withPoints(fewer);
    }

    /** No points: a fresh canvas, without the class names and scaling of the points it had. */
    RunConfig cleared() {
        return withPoints(List.of());
    }

    /** A CSV file's points (already read whole), with K from their labels: softmax once K > 2. */
    RunConfig withCsv(CsvPoints csv) {
        return withData(config, csv.spec(), csv.classes(), hyperparameters);
    }

    /** The points replaced, keeping their class names and scaling; none left is a fresh canvas. */
    private RunConfig withPoints(List<double[]> newPoints) {
        DatasetSpec data = newPoints.isEmpty() || !config.dataset().isCustom() ? DatasetSpec.custom(newPoints)
                : config.dataset().withPoints(newPoints);
        return withData(config, data, config.classes(), hyperparameters);
    }

    /**
     * The page's model settings on other data, from step 0 with these η and λs: sigmoid only for two classes, and
     * explicit starting weights only while K (so their shape) is the same.
     */
    static RunConfig withData(RunConfig old, DatasetSpec data, int classes, Hyperparameters hyperparameters) {
        Parameterization parameterization = classes > 2 ? Parameterization.SOFTMAX : old.parameterization();
        Init init = old.init() instanceof Init.Explicit && classes != old.classes() ? new Init.Zeros() : old.init();
        return new RunConfig(data, classes, parameterization, old.features(), old.optimizer(), old.batchSize(),
                old.testFraction(), old.seed(), init, new TreeMap<>(Map.of(0L, hyperparameters)));
    }
}
