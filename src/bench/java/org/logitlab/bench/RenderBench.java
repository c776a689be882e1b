package org.logitlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Objective;
import org.logitlab.core.PairPath;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.render.ConfidenceField;
import org.logitlab.render.DecisionBoundaries;
import org.logitlab.render.Landscape;
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
 * The pictures of one step: the confidence field (100×100 cells), the decision boundaries, and the PNG/data-URI
 * encoding — apart, together per frame, and as K and the grid grow; and a loss-landscape frame. θ is a trained model
 * on the app's blobs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djava.awt.headless=true"})
public class RenderBench {
    static final int TRAINING_STEPS = 500;

    /** A model after some training, with the parts of a frame precomputed so each piece can be timed alone. */
    public static class Picture {
        LogisticModel model;
        FeatureMap map;
        Parameters theta;
        ConfidenceField field;
        /** The unquantized colours, for the truecolour encoders. */
        int[] rgb;

        void build(int classes, FeatureMap features) {
            TrainingRun run = Fixtures.trained(classes, features, TRAINING_STEPS);
            model = run.objective().model();
            map = features;
            theta = run.snapshot().parameters();
            field = ConfidenceField.compute(model, map, theta, ConfidenceField.DEFAULT_CELLS);
            rgb = PngVariants.exactColours(field);
        }
    }

    /** K = 5, all 7 features: curved boundaries, traced. */
    @State(Scope.Benchmark)
    public static class Curved extends Picture {
        @Setup
        public void setUp() {
            build(5, Fixtures.ALL_FEATURES);
        }
    }

    /** K = 5, features x1 and x2: straight boundaries, solved exactly. */
    @State(Scope.Benchmark)
    public static class Straight extends Picture {
        @Setup
        public void setUp() {
            build(5, FeatureMap.LINEAR);
        }
    }

    /** All 7 features, K swept (K = 2 is the app's sigmoid model). */
    @State(Scope.Benchmark)
    public static class ByClasses extends Picture {
        @Param({"2", "5", "8"})
        public int k;

        @Setup
        public void setUp() {
            build(k, Fixtures.ALL_FEATURES);
        }
    }

    /** K = 5, all 7 features; the confidence grid swept. */
    @State(Scope.Benchmark)
    public static class ByCells extends Picture {
        @Param({"50", "100", "200"})
        public int cells;

        @Setup
        public void setUp() {
            build(5, Fixtures.ALL_FEATURES);
        }
    }

    /**
     * K = 5, all 7 features, N = 1000, at step 500: the objective, θ, the two parameters that moved most since θ₀ = 0
     * and their path over the 500 steps.
     */
    @State(Scope.Benchmark)
    public static class Surface {
        Objective objective;
        Parameters theta;
        double l2;
        ParameterIndex a;
        ParameterIndex b;
        PairPath path;

        @Setup
        public void setUp() {
            TrainingRun run = Fixtures.trained(5, Fixtures.ALL_FEATURES, TRAINING_STEPS);
            RunSnapshot now = run.snapshot();
            objective = run.objective();
            theta = now.parameters();
            l2 = now.hyperparameters().l2();
            List<ParameterIndex> pair = ParameterIndex.mostMoved(Parameters.zeros(theta.rows(), theta.dimension()),
                    theta);
            a = pair.get(0);
            b = pair.get(1);
            path = PairPath.replay(run.config(), TRAINING_STEPS, a, b);
        }
    }

    @Benchmark
    public ConfidenceField fieldCompute(Curved p) {
        return ConfidenceField.compute(p.model, p.map, p.theta, ConfidenceField.DEFAULT_CELLS);
    }

    /** What the app sends: the palette PNG, straight from the field (indices, then deflate). */
    @Benchmark
    public byte[] encodeOurs(Curved p) {
        return p.field.png();
    }

    /** Truecolour, filter None, deflate level 1: the encoder the app used before the palette one. */
    @Benchmark
    public byte[] encodeTruecolour(Curved p) {
        return PngVariants.truecolour(ConfidenceField.DEFAULT_CELLS, ConfidenceField.DEFAULT_CELLS, p.rgb, false, 1);
    }

    @Benchmark
    public byte[] encodeImageIo(Curved p) {
        return PngVariants.imageIo(ConfidenceField.DEFAULT_CELLS, ConfidenceField.DEFAULT_CELLS, p.rgb);
    }

    @Benchmark
    public byte[] encodeUpFilter(Curved p) {
        return PngVariants.truecolour(ConfidenceField.DEFAULT_CELLS, ConfidenceField.DEFAULT_CELLS, p.rgb, true, 1);
    }

    /** What the page embeds: palette PNG and base64 of an already computed field. */
    @Benchmark
    public String fieldDataUri(Curved p) {
        return p.field.dataUri();
    }

    @Benchmark
    public String boundariesTraced(Curved p) {
        return DecisionBoundaries.path(p.model, p.map, p.theta);
    }

    @Benchmark
    public String boundariesStraight(Straight p) {
        return DecisionBoundaries.path(p.model, p.map, p.theta);
    }

    /** One whole frame as PlotView makes it: field, its data URI, and the boundaries. */
    @Benchmark
    public int frame(ByClasses p) {
        String field = ConfidenceField.compute(p.model, p.map, p.theta, ConfidenceField.DEFAULT_CELLS).dataUri();
        String path = DecisionBoundaries.path(p.model, p.map, p.theta);
        return field.length() + path.length();
    }

    /** The field and its data URI at other grid sizes (the boundaries do not depend on the field's grid). */
    @Benchmark
    public String fieldImageByCells(ByCells p) {
        return ConfidenceField.compute(p.model, p.map, p.theta, p.cells).dataUri();
    }

    /** One loss-landscape frame at the default 41×41: J at every node, its PNG and contours, and the path's SVG. */
    @Benchmark
    public int landscape(Surface p) {
        Landscape l = Landscape.compute(p.objective, p.theta, p.l2, 0, p.a, p.b, p.path, Landscape.DEFAULT_SIZE);
        return l.dataUri().length() + l.contours().length() + l.pathData().length();
    }
}
