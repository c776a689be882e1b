package org.logitlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Optimizer;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunConfig;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.DatasetSpec;

/**
 * Inputs shared by the benchmarks: blob-like point clouds of any size (the app's generator stops at
 * {@link DatasetSpec#MAX_POINTS}), the feature maps by width, seeded parameters, and a trained θ for pictures.
 */
final class Fixtures {
    static final FeatureMap ALL_FEATURES = new FeatureMap(List.of(Feature.values()));

    private Fixtures() {
    }

    /** {@code x1}, {@code x2} and labels of {@code n} points in K Gaussian clusters inside [−6, 6]². */
    record Points(double[] x1, double[] x2, int[] labels) {
        int size() {
            return labels.length;
        }
    }

    static Points blobs(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            double angle = 2 * Math.PI * k / classes + Math.PI / 4;
            x1[i] = clamp(3.5 * Math.cos(angle) + 0.6 * gaussian(random));
            x2[i] = clamp(3.5 * Math.sin(angle) + 0.6 * gaussian(random));
            labels[i] = k;
        }
        return new Points(x1, x2, labels);
    }

    /** The first {@code d} features: 2 gives the linear map (x1, x2), 7 gives every feature. */
    static FeatureMap features(int d) {
        return new FeatureMap(List.of(Feature.values()).subList(0, d));
    }

    /** Weights uniform in [−0.3, 0.3), biases in [−0.5, 0.5): logits of a few units, as mid-training. */
    static Parameters theta(int rows, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[rows * dimension];
        double[] b = new double[rows];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble(-0.3, 0.3);
        }
        for (int r = 0; r < rows; r++) {
            b[r] = random.nextDouble(-0.5, 0.5);
        }
        return Parameters.of(rows, dimension, w, b);
    }

    /** The app's choice of output for K classes: sigmoid for 2, softmax above. */
    static Parameterization parameterization(int classes) {
        return classes == 2 ? Parameterization.SIGMOID : Parameterization.SOFTMAX;
    }

    /** A batch-GD run on the app's blobs (n ≤ 5000), no test split, small enough η to stay finite for 7 features. */
    static RunConfig blobsRun(int n, int classes, FeatureMap features, Parameterization parameterization) {
        return RunConfig.of(DatasetSpec.named("blobs", n, 0.2, 1), classes, parameterization, features,
                Optimizer.BATCH, 32, new Hyperparameters(0.002, 0.001), 0.0, 1, new Init.Zeros());
    }

    /** θ after {@code steps} batch-GD steps on blobs: a realistic picture to render. */
    static TrainingRun trained(int classes, FeatureMap features, int steps) {
        TrainingRun run = new TrainingRun(blobsRun(1000, classes, features, parameterization(classes)));
        run.step(steps);
        return run;
    }

    /** {@code n} blob points as a custom dataset's rows {@code [x1, x2, label]}, rounded like clicks. */
    static List<double[]> customPoints(int n, int classes) {
        Points p = blobs(n, classes, 7);
        List<double[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new double[] {Math.round(p.x1()[i] * 100) / 100.0, Math.round(p.x2()[i] * 100) / 100.0,
                p.labels()[i]});
        }
        return rows;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clamp(double v) {
        return Math.max(-6, Math.min(6, v));
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
