package org.logitlab.core;

/**
 * A set of examples laid out for the inner loop: φ(x_n) row-major in one primitive array, labels beside it,
 * and for each row the index of the point in the dataset it came from.
 */
public final class DesignMatrix {
    private final int size;
    private final int dimension;
    private final double[] features;
    private final int[] labels;
    private final int[] pointIndices;

    public DesignMatrix(FeatureMap map, double[] x1, double[] x2, int[] labels, int[] pointIndices) {
        this.size = pointIndices.length;
        this.dimension = map.size();
        this.features = new double[size * dimension];
        this.labels = new int[size];
        this.pointIndices = pointIndices.clone();
        for (int n = 0; n < size; n++) {
            int p = pointIndices[n];
            map.apply(x1[p], x2[p], features, n * dimension);
            this.labels[n] = labels[p];
        }
    }

    public int size() {
        return size;
    }

    public int dimension() {
        return dimension;
    }

    public int label(int n) {
        return labels[n];
    }

    public double feature(int n, int i) {
        return features[n * dimension + i];
    }

    public int pointIndex(int n) {
        return pointIndices[n];
    }

    long footprintBytes() {
        return Footprint.object(5) + Footprint.doubles(features.length) + Footprint.ints(labels.length)
                + Footprint.ints(pointIndices.length);
    }

    double[] featuresView() {
        return features;
    }

    int[] labelsView() {
        return labels;
    }
}
