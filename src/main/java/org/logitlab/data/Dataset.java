package org.logitlab.data;

/**
 * A labelled 2D point set. Immutable: arrays are copied in and out.
 *
 * @param classes the number of classes K; every label is in 0..K−1
 */
public record Dataset(double[] x1, double[] x2, int[] labels, int classes) {

    public Dataset {
        if (x1.length != x2.length || x1.length != labels.length) {
            throw new IllegalArgumentException("coordinate and label arrays differ in length");
        }
        x1 = x1.clone();
        x2 = x2.clone();
        labels = labels.clone();
    }

    public int size() {
        return labels.length;
    }

    @Override
    public double[] x1() {
        return x1.clone();
    }

    @Override
    public double[] x2() {
        return x2.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public double x1(int i) {
        return x1[i];
    }

    public double x2(int i) {
        return x2[i];
    }

    public int label(int i) {
        return labels[i];
    }
}
