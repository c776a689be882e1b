package org.logitlab.core;

import java.util.Arrays;

/**
 * Per-step measurements of a run, indexed by step: losses, accuracies and the gradient norm (with L1, the norm of
 * the minimum-norm subgradient; see {@link Evaluation#gradientNorm()}). Kept in primitive
 * arrays that grow by doubling; a missing test value is stored as NaN and reported as null.
 */
public final class History {
    /** One step's measurements. */
    public record Row(long step, double trainLoss, double objective, Double testLoss, double trainAccuracy,
                      Double testAccuracy, double gradientNorm) {
    }

    private double[] trainLoss = new double[64];
    private double[] objective = new double[64];
    private double[] testLoss = new double[64];
    private double[] trainAccuracy = new double[64];
    private double[] testAccuracy = new double[64];
    private double[] gradientNorm = new double[64];
    private int length;

    void record(long step, Evaluation e) {
        int i = Math.toIntExact(step);
        if (i > length) {
            throw new IllegalStateException("history has a gap before step " + step);
        }
        if (i == trainLoss.length) {
            int size = trainLoss.length * 2;
            trainLoss = Arrays.copyOf(trainLoss, size);
            objective = Arrays.copyOf(objective, size);
            testLoss = Arrays.copyOf(testLoss, size);
            trainAccuracy = Arrays.copyOf(trainAccuracy, size);
            testAccuracy = Arrays.copyOf(testAccuracy, size);
            gradientNorm = Arrays.copyOf(gradientNorm, size);
        }
        trainLoss[i] = e.trainLoss();
        objective[i] = e.objective();
        testLoss[i] = e.testLoss() == null ? Double.NaN : e.testLoss();
        trainAccuracy[i] = e.trainAccuracy();
        testAccuracy[i] = e.testAccuracy() == null ? Double.NaN : e.testAccuracy();
        gradientNorm[i] = e.gradientNorm();
        length = Math.max(length, i + 1);
    }

    /** Forgets every step after {@code step}. */
    void truncateAfter(long step) {
        length = (int) Math.min(length, step + 1);
    }

    /** Number of recorded steps (steps 0..length−1). */
    public int length() {
        return length;
    }

    public Row row(int step) {
        return new Row(step, trainLoss[step], objective[step], orNull(testLoss[step]), trainAccuracy[step],
                orNull(testAccuracy[step]), gradientNorm[step]);
    }

    /** An independent copy of steps 0..toStep, for readers outside the run's lock. */
    History copy(int toStep) {
        History h = new History();
        int n = Math.min(length, toStep + 1);
        h.trainLoss = Arrays.copyOf(trainLoss, Math.max(n, 1));
        h.objective = Arrays.copyOf(objective, Math.max(n, 1));
        h.testLoss = Arrays.copyOf(testLoss, Math.max(n, 1));
        h.trainAccuracy = Arrays.copyOf(trainAccuracy, Math.max(n, 1));
        h.testAccuracy = Arrays.copyOf(testAccuracy, Math.max(n, 1));
        h.gradientNorm = Arrays.copyOf(gradientNorm, Math.max(n, 1));
        h.length = n;
        return h;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
