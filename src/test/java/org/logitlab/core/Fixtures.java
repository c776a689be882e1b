package org.logitlab.core;

import java.util.List;
import java.util.SplittableRandom;

import org.logitlab.data.DatasetSpec;

/** Small builders shared by the core tests: seeded random data, parameters and run configurations. */
final class Fixtures {
    private Fixtures() {
    }

    /** Labelled points drawn uniformly from [−6, 6]², every class present (labels round-robin). */
    record Points(double[] x1, double[] x2, int[] labels) {
        int size() {
            return labels.length;
        }
    }

    static Points randomPoints(int n, int classes, SplittableRandom random) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x1[i] = random.nextDouble(-DatasetSpec.EXTENT, DatasetSpec.EXTENT);
            x2[i] = random.nextDouble(-DatasetSpec.EXTENT, DatasetSpec.EXTENT);
            labels[i] = i % classes;
        }
        return new Points(x1, x2, labels);
    }

    static DesignMatrix matrix(FeatureMap map, Points points, int[] pointIndices) {
        return new DesignMatrix(map, points.x1(), points.x2(), points.labels(), pointIndices);
    }

    static DesignMatrix matrix(FeatureMap map, Points points) {
        return matrix(map, points, range(points.size()));
    }

    /** An objective over all of {@code points} for training and no test set. */
    static Objective objective(LogisticModel model, FeatureMap map, Points points) {
        return new Objective(model, matrix(map, points), matrix(map, points, new int[0]));
    }

    static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Parameters with every entry of magnitude in [0.05, scale] and a random sign, so none is zero. */
    static Parameters nonZeroParameters(int rows, int dimension, double scale, SplittableRandom random) {
        double[] w = new double[rows * dimension];
        double[] b = new double[rows];
        for (int i = 0; i < w.length; i++) {
            w[i] = nonZero(scale, random);
        }
        for (int r = 0; r < rows; r++) {
            b[r] = nonZero(scale, random);
        }
        return Parameters.of(rows, dimension, w, b);
    }

    private static double nonZero(double scale, SplittableRandom random) {
        double magnitude = random.nextDouble(0.05, scale);
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    static FeatureMap features(Feature... features) {
        return new FeatureMap(List.of(features));
    }

    /** A run on the named dataset (noise 0.2, seed 7) with one learning rate and λ for the whole run. */
    static RunConfig run(String dataset, int n, int classes, Parameterization parameterization, FeatureMap features,
                         Optimizer optimizer, int batchSize, double learningRate, double l2, double testFraction,
                         long seed, Init init) {
        return RunConfig.of(DatasetSpec.named(dataset, n, 0.2, 7), classes, parameterization, features, optimizer,
                batchSize, new Hyperparameters(learningRate, l2), testFraction, seed, init);
    }

    /** A small, well-behaved run: 60 blobs points, 25% held out, random θ₀. */
    static RunConfig smallRun(Optimizer optimizer) {
        return run("blobs", 60, 3, Parameterization.SOFTMAX,
                features(Feature.X1, Feature.X2, Feature.X1_TIMES_X2), optimizer, 8, 0.05, 0.01, 0.25, 11,
                new Init.Random());
    }
}
