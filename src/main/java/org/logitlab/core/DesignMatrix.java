package org.logitlab.core;

import java.util.BitSet;

import org.logitlab.data.Dataset;

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

    /** The points of {@code data} whose entry in {@code mask} is {@code selected} (the test split, or the rest). */
    static DesignMatrix of(FeatureMap map, Dataset data, boolean[] mask, boolean selected) {
        int count = 0;
        for (boolean m : mask) {
            if (m == selected) {
                count++;
            }
        }
        int[] indices = new int[count];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (mask[i] == selected) {
                indices[j++] = i;
            }
        }
        return new DesignMatrix(map, data.x1(), data.x2(), data.labels(), indices);
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

    /** Sets, by point index, the bits of the examples {@code model} gets wrong at θ ({@link LogisticModel#wrong}). */
    void markWrong(LogisticModel model, Parameters theta, BitSet wrong) {
        double[] z = new double[model.rows()];
        for (int n = 0; n < size; n++) {
            model.logits(theta, features, n * dimension, z);
            if (model.wrong(z, labels[n])) {
                wrong.set(pointIndices[n]);
            }
        }
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
