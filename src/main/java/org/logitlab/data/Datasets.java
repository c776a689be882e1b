package org.logitlab.data;

import org.logitlab.text.Sentence;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The toy datasets. Each is a pure function of its spec: the same spec gives the same bits on every machine
 * (a seeded {@link SplittableRandom} and {@link StrictMath}). Every point lies inside [−6, 6]².
 */
public final class Datasets {
    /** Names in the order the page offers them. */
    public static final List<String> NAMES = List.of("blobs", "circles", "spiral", "moons", "xor", "custom");
    public static final int MIN_CLASSES = 2;
    public static final int MAX_CLASSES = 8;

    private Datasets() {
    }

    /** The largest K this dataset can produce. */
    public static int maxClasses(String name) {
        return switch (name) {
            case "moons", "xor" -> 2;
            default -> MAX_CLASSES;
        };
    }

    /** Builds the dataset, or says which field makes it impossible. */
    public static Dataset generate(DatasetSpec spec, int classes) {
        if (!NAMES.contains(spec.name())) {
            throw new InvalidDatasetException("dataset.name", Sentence.ONE_OF, String.join(", ", NAMES));
        }
        if (classes < MIN_CLASSES || classes > maxClasses(spec.name())) {
            throw maxClasses(spec.name()) == 2
                    ? new InvalidDatasetException("classes", Sentence.EXACTLY_TWO_CLASSES, spec.name())
                    : new InvalidDatasetException("classes", Sentence.BETWEEN, MIN_CLASSES, MAX_CLASSES);
        }
        if (spec.classNames().size() > classes) {
            throw new InvalidDatasetException("dataset.classNames", Sentence.NAMES_FOR_CLASSES,
                    spec.classNames().size(), classes);
        }
        if (spec.isCustom()) {
            return custom(spec.points(), classes);
        }
        if (!spec.points().isEmpty()) {
            throw new InvalidDatasetException("dataset.points", Sentence.POINTS_ONLY_CUSTOM);
        }
        if (spec.n() < 1 || spec.n() > DatasetSpec.MAX_POINTS) {
            throw new InvalidDatasetException("dataset.n", Sentence.BETWEEN, 1, DatasetSpec.MAX_POINTS);
        }
        if (!(spec.noise() >= 0 && spec.noise() <= 1)) {
            throw new InvalidDatasetException("dataset.noise", Sentence.BETWEEN, 0, 1);
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        double[] x1 = new double[spec.n()];
        double[] x2 = new double[spec.n()];
        int[] labels = new int[spec.n()];
        for (int i = 0; i < spec.n(); i++) {
            // Round-robin labels keep the classes balanced for every n.
            int k = i % classes;
            labels[i] = k;
            double[] p = switch (spec.name()) {
                case "blobs" -> blob(k, classes, spec.noise(), random);
                case "circles" -> ring(k, classes, spec.noise(), random);
                case "spiral" -> spiralArm(k, classes, spec.noise(), random);
                case "moons" -> moon(k, spec.noise(), random);
                default -> xor(k, spec.noise(), random);
            };
            x1[i] = clamp(p[0]);
            x2[i] = clamp(p[1]);
        }
        return new Dataset(x1, x2, labels, classes);
    }

    private static Dataset custom(List<double[]> points, int classes) {
        if (points.isEmpty()) {
            throw new InvalidDatasetException("dataset.points", Sentence.NO_POINTS);
        }
        if (points.size() > DatasetSpec.MAX_POINTS) {
            throw new InvalidDatasetException("dataset.points", Sentence.AT_MOST_POINTS, DatasetSpec.MAX_POINTS);
        }
        int n = points.size();
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = points.get(i);
            String where = "dataset.points[" + i + "]";
            if (p.length != 3) {
                throw new InvalidDatasetException(where, Sentence.POINT_SHAPE);
            }
            if (!inside(p[0]) || !inside(p[1])) {
                throw new InvalidDatasetException(where, Sentence.COORDINATES);
            }
            if (p[2] != Math.rint(p[2]) || p[2] < 0 || p[2] >= classes) {
                throw new InvalidDatasetException(where, Sentence.LABEL, classes - 1);
            }
            x1[i] = p[0];
            x2[i] = p[1];
            labels[i] = (int) p[2];
        }
        return new Dataset(x1, x2, labels, classes);
    }

    private static boolean inside(double v) {
        return v >= -DatasetSpec.EXTENT && v <= DatasetSpec.EXTENT;
    }

    private static double clamp(double v) {
        return Math.max(-DatasetSpec.EXTENT, Math.min(DatasetSpec.EXTENT, v));
    }

    /** K Gaussian clusters on a circle of radius 3.5; spread grows with noise. */
    private static double[] blob(int k, int classes, double noise, SplittableRandom random) {
        double angle = 2 * Math.PI * k / classes + Math.PI / 4;
        double sd = 0.3 + 1.5 * noise;
        return new double[] {
            3.5 * StrictMath.cos(angle) + sd * gaussian(random),
            3.5 * StrictMath.sin(angle) + sd * gaussian(random)};
    }

    /** Ring k of K concentric rings between radius 0.5 and 5.5. */
    private static double[] ring(int k, int classes, double noise, SplittableRandom random) {
        double gap = 5.0 / classes;
        double radius = 0.5 + gap * k + random.nextDouble() * gap * 0.5 + noise * gap * 0.6 * gaussian(random);
        double angle = random.nextDouble() * 2 * Math.PI;
        return new double[] {radius * StrictMath.cos(angle), radius * StrictMath.sin(angle)};
    }

    /** Arm k of a K-armed spiral, winding out to radius 5.5. */
    private static double[] spiralArm(int k, int classes, double noise, SplittableRandom random) {
        double t = random.nextDouble();
        double radius = 0.3 + 5.2 * t;
        double angle = 2 * Math.PI * k / classes + 1.75 * Math.PI * t;
        return new double[] {
            radius * StrictMath.cos(angle) + noise * 0.6 * gaussian(random),
            radius * StrictMath.sin(angle) + noise * 0.6 * gaussian(random)};
    }

    /** Two interleaving half circles, scaled to fill the plane. */
    private static double[] moon(int k, double noise, SplittableRandom random) {
        double t = random.nextDouble() * Math.PI;
        double x = k == 0 ? StrictMath.cos(t) : 1 - StrictMath.cos(t);
        double y = k == 0 ? StrictMath.sin(t) : 0.5 - StrictMath.sin(t);
        return new double[] {
            2.6 * (x - 0.5) + noise * 0.8 * gaussian(random),
            2.6 * (y - 0.25) + noise * 0.8 * gaussian(random)};
    }

    /** Class 0 in the 1st and 3rd quadrants, class 1 in the 2nd and 4th. */
    private static double[] xor(int k, double noise, SplittableRandom random) {
        double sx = random.nextBoolean() ? 1 : -1;
        double sy = k == 0 ? sx : -sx;
        return new double[] {
            sx * (0.4 + 4.8 * random.nextDouble()) + noise * 0.8 * gaussian(random),
            sy * (0.4 + 4.8 * random.nextDouble()) + noise * 0.8 * gaussian(random)};
    }

    /** A standard normal draw by Box–Muller with StrictMath, so it is the same on every JVM. */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]
        double v = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
