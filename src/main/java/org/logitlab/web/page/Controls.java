package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;

import org.logitlab.core.Feature;
import org.logitlab.core.Init;
import org.logitlab.core.RunConfig;
import org.logitlab.data.DatasetSpec;
import org.logitlab.data.Datasets;
import org.logitlab.data.Standardization;
import org.logitlab.web.run.PermalinkValues;

/**
 * {@code controls}: the values and choices of the data and model form.
 *
 * @param n          the number of points (of the custom set, for custom data)
 * @param names      a custom set's class names as the permalink writes them ("" when they have none), sent back by
 *                   the form so that a change of model keeps them
 * @param classNames the same names, for the legend
 * @param zScores    the standardization a CSV file's coordinates went through, or null
 */
record Controls(List<DatasetOption> datasets, List<ClassOption> classOptions, List<FeatureOption> features,
                String dataset, boolean custom, String points, int classes, int n, double noise, long dataSeed,
                String parameterization, String optimizer, int batchSize, double testFraction, long seed,
                String init, String names, List<String> classNames, ZScores zScores) {

    /**
     * The z-scores of a CSV file's coordinates, for the note beside the data: each column's name, mean and
     * (population) deviation as shown, and {@code standardized}, the permalink's value.
     */
    record ZScores(String x1Column, String x1Mean, String x1Deviation, String x2Column, String x2Mean,
                   String x2Deviation, String standardized) {
        static ZScores of(Standardization z) {
            return z == null ? null : new ZScores(z.x1().name(), Numbers.sig(z.x1().mean(), 6),
                    Numbers.sig(z.x1().deviation(), 6), z.x2().name(), Numbers.sig(z.x2().mean(), 6),
                    Numbers.sig(z.x2().deviation(), 6), PermalinkValues.standardization(z));
        }
    }

    /** A dataset option and the largest K it can make. */
    record DatasetOption(String name, int maxClasses) {
    }

    /** A K option, disabled when the dataset cannot make it. */
    record ClassOption(int k, boolean disabled) {
    }

    /** A feature checkbox. */
    record FeatureOption(String key, String label, boolean checked) {
        /** The key as an HTML id: x1, x1-2, x1-x2, sin-x1. */
        public String id() {
            return key.replace("^", "-").replace("*", "-").replace("(", "-").replace(")", "");
        }
    }

    /**
     * @param n      the number of points the run has
     * @param points the custom points as the permalink writes them ("" for generated data)
     */
    static Controls of(RunConfig config, int n, String points) {
        List<DatasetOption> datasets = new ArrayList<>();
        for (String name : Datasets.NAMES) {
            datasets.add(new DatasetOption(name, Datasets.maxClasses(name)));
        }
        int max = Datasets.maxClasses(config.dataset().name());
        List<ClassOption> classes = new ArrayList<>();
        for (int k = Datasets.MIN_CLASSES; k <= Datasets.MAX_CLASSES; k++) {
            classes.add(new ClassOption(k, k > max));
        }
        List<FeatureOption> features = new ArrayList<>();
        for (Feature f : Feature.values()) {
            features.add(new FeatureOption(f.key(), FeatureLabels.text(f), config.features().features().contains(f)));
        }
        String init = config.init() instanceof Init.Random ? "random"
                : config.init() instanceof Init.Explicit ? "explicit" : "zeros";
        DatasetSpec data = config.dataset();
        return new Controls(datasets, classes, features, data.name(), data.isCustom(), points,
                config.classes(), n, data.noise(), data.seed(),
                config.parameterization().key(), config.optimizer().key(), config.batchSize(), config.testFraction(),
                config.seed(), init, PermalinkValues.names(data.classNames()), data.classNames(),
                ZScores.of(data.standardization()));
    }

    /** Whether class {@code k} (0-based) has a name of its own, which the legend then shows. */
    public boolean named(int k) {
        return k < classNames.size();
    }

    /** Whether the dataset makes two classes only (so every other K is disabled). */
    public boolean twoClassesOnly() {
        return classOptions.size() > 1 && classOptions.get(1).disabled();
    }
}
