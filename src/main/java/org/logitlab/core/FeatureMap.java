package org.logitlab.core;

import org.logitlab.text.Sentence;

import java.util.EnumSet;
import java.util.List;

/** The feature map φ: an ordered, duplicate-free choice of {@link Feature}s. Columns follow this order. */
public record FeatureMap(List<Feature> features) {

    public static final FeatureMap LINEAR = new FeatureMap(List.of(Feature.X1, Feature.X2));

    public FeatureMap {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new InvalidConfigException("features", Sentence.NO_FEATURE, Feature.allowedKeys());
        }
        if (EnumSet.copyOf(features).size() != features.size()) {
            throw new InvalidConfigException("features", Sentence.FEATURE_TWICE);
        }
    }

    public int size() {
        return features.size();
    }

    public Feature get(int i) {
        return features.get(i);
    }

    /** True when every feature is x1 or x2, so every decision boundary is a straight line. */
    public boolean isLinear() {
        return features.stream().allMatch(Feature::isLinear);
    }

    /** Writes φ(x1, x2) into {@code out[offset .. offset + size())}. */
    public void apply(double x1, double x2, double[] out, int offset) {
        for (int j = 0; j < features.size(); j++) {
            out[offset + j] = features.get(j).apply(x1, x2);
        }
    }

    public double[] apply(double x1, double x2) {
        double[] out = new double[size()];
        apply(x1, x2, out, 0);
        return out;
    }

    public List<String> keys() {
        return features.stream().map(Feature::key).toList();
    }
}
