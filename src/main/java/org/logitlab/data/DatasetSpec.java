package org.logitlab.data;

import org.logitlab.text.Sentence;

import java.util.HashSet;
import java.util.List;

/**
 * What to generate: a named toy dataset with n points, noise in [0, 1] and a seed, or the caller's own points.
 *
 * <p>A custom set may say what its classes are called and how its coordinates were scaled, as a CSV file's set
 * does ({@link CsvPoints}): these describe the points for the page (the legend, a note on the scaling) and travel
 * with the run, but never change a number it computes.
 *
 * @param points          for {@code custom} only: rows of {@code [x1, x2, label]}; empty otherwise
 * @param classNames      for {@code custom} only: the names of classes 1, 2, … (at most one per class, each of
 *                        1 to {@link #MAX_NAME_LENGTH} characters, no two alike); empty when they have none
 * @param standardization for {@code custom} only: the z-scores that made the coordinates, or null
 */
public record DatasetSpec(String name, int n, double noise, long seed, List<double[]> points,
                          List<String> classNames, Standardization standardization) {
    public static final int MAX_POINTS = 5000;
    public static final double EXTENT = 6.0;
    /** The most characters (code points) a class name or a standardized column's name may have. */
    public static final int MAX_NAME_LENGTH = 32;

    public DatasetSpec {
        points = points == null ? List.of() : List.copyOf(points);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        boolean custom = "custom".equals(name);
        if (!custom && (!classNames.isEmpty() || standardization != null)) {
            throw new InvalidDatasetException(classNames.isEmpty() ? "dataset.standardization" : "dataset.classNames",
                    Sentence.DESCRIPTION_ONLY_CUSTOM);
        }
        checkNames(classNames);
        if (standardization != null) {
            check(standardization.x1());
            check(standardization.x2());
        }
    }

    /** A set without class names or standardization. */
    public DatasetSpec(String name, int n, double noise, long seed, List<double[]> points) {
        this(name, n, noise, seed, points, List.of(), null);
    }

    public static DatasetSpec named(String name, int n, double noise, long seed) {
        return new DatasetSpec(name, n, noise, seed, List.of());
    }

    public static DatasetSpec custom(List<double[]> points) {
        return custom(points, List.of(), null);
    }

    public static DatasetSpec custom(List<double[]> points, List<String> classNames,
                                     Standardization standardization) {
        return new DatasetSpec("custom", points.size(), 0.0, 1, points, classNames, standardization);
    }

    public boolean isCustom() {
        return "custom".equals(name);
    }

    /** The same class names and scaling over other points (a point added or removed on the page). */
    public DatasetSpec withPoints(List<double[]> newPoints) {
        return custom(newPoints, classNames, standardization);
    }

    /**
     * Whether {@code text} may name a class or a column: 1 to {@link #MAX_NAME_LENGTH} characters, and no control
     * characters but those a CSV field may hold (tab, line breaks).
     */
    public static boolean isName(String text) {
        int length = text.codePointCount(0, text.length());
        return length >= 1 && length <= MAX_NAME_LENGTH
                && text.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
    }

    private static void checkNames(List<String> names) {
        if (names.size() > Datasets.MAX_CLASSES) {
            throw new InvalidDatasetException("dataset.classNames", Sentence.TOO_MANY_NAMES, names.size(),
                    Datasets.MAX_CLASSES);
        }
        if (!names.stream().allMatch(DatasetSpec::isName) || new HashSet<>(names).size() != names.size()) {
            throw new InvalidDatasetException("dataset.classNames", Sentence.CLASS_NAMES, MAX_NAME_LENGTH);
        }
    }

    private static void check(Standardization.Column c) {
        if (!isName(c.name()) || !Double.isFinite(c.mean()) || !(c.deviation() > 0)
                || !Double.isFinite(c.deviation())) {
            throw new InvalidDatasetException("dataset.standardization", Sentence.STANDARDIZATION, MAX_NAME_LENGTH);
        }
    }
}
