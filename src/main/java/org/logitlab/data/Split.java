package org.logitlab.data;

import org.logitlab.text.Sentence;

import java.util.SplittableRandom;

/** A seeded train/test split: which dataset points are held out for testing. */
public final class Split {
    public static final double MAX_TEST_FRACTION = 0.9;

    private Split() {
    }

    /**
     * Marks ⌊n · testFraction⌋ points, drawn by a seeded shuffle, as test points; at least one point stays in
     * training.
     */
    public static boolean[] testMask(int n, double testFraction, SplittableRandom random) {
        if (!(testFraction >= 0 && testFraction <= MAX_TEST_FRACTION)) {
            throw new InvalidDatasetException("testFraction", Sentence.BETWEEN, 0, MAX_TEST_FRACTION);
        }
        // The tiny allowance keeps 100 × 0.29 (= 28.999999999999996 in binary) from losing a test point.
        int testCount = Math.min(n - 1, (int) Math.floor(n * testFraction + 1e-9));
        int[] order = permutation(random, n);
        boolean[] test = new boolean[n];
        for (int i = 0; i < testCount; i++) {
            test[order[i]] = true;
        }
        return test;
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    public static int[] permutation(SplittableRandom random, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
