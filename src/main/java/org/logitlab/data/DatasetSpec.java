package org.logitlab.data;

import java.util.List;

/**
 * What to generate: a named toy dataset with n points, noise in [0, 1] and a seed, or the caller's own points.
 *
 * @param points for {@code custom} only: rows of {@code [x1, x2, label]}; empty otherwise
 */
public record DatasetSpec(String name, int n, double noise, long seed, List<double[]> points) {
    public static final int MAX_POINTS = 5000;
    public static final double EXTENT = 6.0;

    public DatasetSpec {
        points = points == null ? List.of() : List.copyOf(points);
    }

    public static DatasetSpec named(String name, int n, double noise, long seed) {
        return new DatasetSpec(name, n, noise, seed, List.of());
    }

    public static DatasetSpec custom(List<double[]> points) {
        return new DatasetSpec("custom", points.size(), 0.0, 1, points);
    }

    public boolean isCustom() {
        return "custom".equals(name);
    }
}
