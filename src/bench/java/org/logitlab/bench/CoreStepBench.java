package org.logitlab.bench;

import java.util.concurrent.TimeUnit;

import org.logitlab.core.DesignMatrix;
import org.logitlab.core.Evaluation;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Objective;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One batch gradient-descent step of softmax regression — forward pass, loss, gradient, update — through the
 * core ({@link Objective#evaluate} plus θ − η·g, as {@code TrainingRun.advance} does it) against the plain loop
 * of {@link PlainStep} over the same arrays, with {@link StrictMath} and with {@link Math}.
 *
 * <p>Every invocation steps from the same θ, so the work is the same each time. The shapes are chosen sweeps, not
 * a full product: N at K = 5, d = 7; K at N = 10 000, d = 7; d at N = 10 000, K = 5. Divide by N·K·d for the
 * cost per point·class·feature ({@link Report} does).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CoreStepBench {

    /** One problem: N points, K classes, d features, laid out for the core and for the plain loop. */
    @State(Scope.Benchmark)
    public static class Problem {
        /** {@code NxKxd}. */
        @Param({"100x5x7", "1000x5x7", "10000x5x7", "100000x5x7", "10000x2x7", "10000x8x7", "10000x5x2"})
        public String shape;

        /**
         * Which loop: a parameter rather than three methods, named to sort after {@code shape} so that JMH measures
         * the three back to back for each shape and a change in the shared machine's load falls on all three alike.
         */
        @Param({"core", "plainStrictMath", "plainMath"})
        public String variant;
        int which;

        static final double L2 = 0.001;
        static final double LEARNING_RATE = 0.1;

        int n;
        int k;
        int d;
        Objective objective;
        LogisticModel.Workspace workspace;
        Parameters theta;

        double[] x;
        int[] y;
        double[] w;
        double[] b;
        double[] z;
        double[] gw;
        double[] gb;
        double[] wNext;
        double[] bNext;
        double[] stats = new double[2];

        @Setup
        public void setUp() {
            String[] parts = shape.split("x");
            n = Integer.parseInt(parts[0]);
            k = Integer.parseInt(parts[1]);
            d = Integer.parseInt(parts[2]);
            which = switch (variant) {
                case "core" -> 0;
                case "plainStrictMath" -> 1;
                case "plainMath" -> 2;
                default -> throw new IllegalArgumentException(variant);
            };
            FeatureMap map = Fixtures.features(d);
            Fixtures.Points points = Fixtures.blobs(n, k, 42);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            LogisticModel model = new LogisticModel(k, Parameterization.SOFTMAX, d);
            DesignMatrix train = new DesignMatrix(map, points.x1(), points.x2(), points.labels(), all);
            DesignMatrix test = new DesignMatrix(map, points.x1(), points.x2(), points.labels(), new int[0]);
            objective = new Objective(model, train, test);
            workspace = model.workspace();
            theta = Fixtures.theta(k, d, 3);

            x = new double[n * d];
            for (int p = 0; p < n; p++) {
                map.apply(points.x1()[p], points.x2()[p], x, p * d);
            }
            y = points.labels();
            w = theta.flatWeights();
            b = theta.biasArray();
            z = new double[k];
            gw = new double[k * d];
            gb = new double[k];
            wNext = new double[k * d];
            bNext = new double[k];
            agreeOrFail();
        }

        /** The three loops compute the same step: checked once, so the comparison is of equal work. */
        private void agreeOrFail() {
            Parameters core = coreStep(this);
            Evaluation e = objective.evaluate(theta, L2, workspace);
            PlainStep.strict(x, y, n, d, k, w, b, L2, LEARNING_RATE, z, gw, gb, wNext, bNext, stats);
            check("strict loss", e.trainLoss(), stats[0]);
            check("strict accuracy", e.trainAccuracy(), stats[1]);
            for (int j = 0; j < wNext.length; j++) {
                check("strict w" + j, core.weight(j / d, j % d), wNext[j]);
            }
            PlainStep.fast(x, y, n, d, k, w, b, L2, LEARNING_RATE, z, gw, gb, wNext, bNext, stats);
            check("fast loss", e.trainLoss(), stats[0]);
            for (int c = 0; c < k; c++) {
                check("fast b" + c, core.bias(c), bNext[c]);
            }
        }

        private static void check(String what, double expected, double actual) {
            if (Math.abs(expected - actual) > 1e-9 * Math.max(1, Math.abs(expected))) {
                throw new IllegalStateException(what + ": core " + expected + " vs plain " + actual);
            }
        }
    }

    @Benchmark
    public Object step(Problem p) {
        switch (p.which) {
            case 0:
                return coreStep(p);
            case 1:
                PlainStep.strict(p.x, p.y, p.n, p.d, p.k, p.w, p.b, Problem.L2, Problem.LEARNING_RATE, p.z, p.gw,
                        p.gb, p.wNext, p.bNext, p.stats);
                return p.wNext;
            default:
                PlainStep.fast(p.x, p.y, p.n, p.d, p.k, p.w, p.b, Problem.L2, Problem.LEARNING_RATE, p.z, p.gw,
                        p.gb, p.wNext, p.bNext, p.stats);
                return p.wNext;
        }
    }

    /**
     * TrainingRun's batch step with the public API: ∇J and the measurements at θ (train set; no test split here),
     * then w ← w − η·g with the same finiteness checks.
     */
    static Parameters coreStep(Problem p) {
        Evaluation e = p.objective.evaluate(p.theta, Problem.L2, p.workspace);
        if (!e.isFinite()) {
            throw new IllegalStateException("not finite");
        }
        double[] w = p.theta.flatWeights();
        double[] b = p.theta.biasArray();
        Parameters g = e.gradient();
        for (int i = 0; i < w.length; i++) {
            w[i] -= Problem.LEARNING_RATE * g.weight(i / p.d, i % p.d);
        }
        for (int r = 0; r < b.length; r++) {
            b[r] -= Problem.LEARNING_RATE * g.bias(r);
        }
        Parameters next = Parameters.of(p.k, p.d, w, b);
        if (!next.isFinite()) {
            throw new IllegalStateException("not finite");
        }
        return next;
    }
}
