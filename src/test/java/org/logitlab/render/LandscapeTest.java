package org.logitlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Optimizer;
import org.logitlab.core.PairPath;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.DatasetSpec;

/** The landscape's grid, range, path, arrow and mapping, on random models and on a real run. */
class LandscapeTest {
    private static final PairPath NO_PATH = new PairPath(new double[0], new double[0]);
    private static final double LEARNING_RATE = 0.1;
    private static final double L2 = 0.01;
    private static final int STEPS = 30;

    @Property(tries = 150)
    void every_node_is_the_cores_objective_and_the_grid_holds_the_current_point_and_covers_the_path(
            @ForAll @IntRange(min = 1, max = 8) int shape,
            @ForAll(supplier = FeatureLists.class) List<Feature> features,
            @ForAll @DoubleRange(min = 0, max = 2) double l2, @ForAll @IntRange(min = 3, max = 9) int size,
            @ForAll long seed) {
        LandscapeGridTest.Case c = LandscapeGridTest.Case.random(shape, features, 1.5, seed);
        PairPath path = randomPath(c, new SplittableRandom(seed));

        Landscape landscape = Landscape.compute(c.objective(), c.theta(), l2, 0, c.a(), c.b(), path, size);

        LandscapeGridTest.assertMatchesCore(c, l2, landscape.a().values(), landscape.b().values(),
                landscape.objective());
        for (Landscape.Axis axis : List.of(landscape.a(), landscape.b())) {
            double[] values = axis.values();
            assertEquals(size, values.length);
            assertEquals(axis.parameter().valueIn(c.theta()), values[axis.current()], 0.0, "θ is a node exactly");
            for (double p : axis.path()) {
                assertTrue(values[0] <= p && p <= values[size - 1], p + " outside the grid");
            }
            for (int i = 1; i < size; i++) {
                assertEquals(axis.step(), values[i] - values[i - 1], 1e-12 * (1 + Math.abs(values[i])));
            }
            assertTrue(axis.step() * (size - 1) >= Landscape.Axis.MIN_SPAN * (1 - 1e-12));
        }
    }

    @Test
    void a_long_path_sets_the_span_with_ten_percent_to_spare_on_each_side() {
        ParameterIndex p = new ParameterIndex(0, 0);
        double[] path = {0, -1, 4, 10};

        Landscape.Axis axis = Landscape.Axis.around(p, 10, path, 1e-3, 1, 41);

        assertEquals(1.2 * 11 * 40 / 39, axis.step() * 40, 1e-12);
        assertEquals(10, axis.values()[axis.current()], 0.0);
        assertTrue(axis.values()[0] < -1 - 0.5 && axis.values()[40] > 10 + 0.5);
    }

    @Test
    void without_a_path_the_span_reaches_the_one_dimensional_newton_target_or_the_floor() {
        ParameterIndex p = new ParameterIndex(0, 0);

        Landscape.Axis steep = Landscape.Axis.around(p, 1, new double[0], 0.01, 10, 21);
        Landscape.Axis shallow = Landscape.Axis.around(p, 1, new double[0], 3, 1, 21);
        Landscape.Axis flat = Landscape.Axis.around(p, 1, new double[0], 3, 0, 21);

        assertEquals(Landscape.Axis.MIN_SPAN, steep.step() * 20, 1e-12, "Newton step 0.001: the floor");
        assertEquals(1.2 * 2 * 20 / 19, shallow.step() * 20, 1e-12, "Newton step −3, capped at −2");
        assertTrue(shallow.values()[0] <= 1 - 2, "the target lies below the current value");
        assertEquals(shallow.step(), flat.step(), 1e-15, "no curvature: as far as the cap allows");
    }

    @Test
    void on_a_real_run_the_path_ends_at_the_current_node_and_the_arrow_points_along_the_next_step() {
        RunConfig config = RunConfig.of(DatasetSpec.named("blobs", 60, 0.2, 7), 3, Parameterization.SOFTMAX,
                new FeatureMap(List.of(Feature.X1, Feature.X2, Feature.X1_SQUARED)), Optimizer.BATCH, 8,
                new Hyperparameters(LEARNING_RATE, L2), 0.0, 1, new Init.Zeros());
        TrainingRun run = new TrainingRun(config);
        RunSnapshot now = run.goTo(STEPS);
        Parameters next = run.step(1).parameters();
        List<ParameterIndex> pair = ParameterIndex.mostMoved(Parameters.zeros(3, 3), now.parameters());
        PairPath path = PairPath.replay(config, STEPS, pair.get(0), pair.get(1));

        Landscape l = Landscape.compute(run.objective(), now.parameters(), L2, 0, pair.get(0), pair.get(1), path,
                Landscape.DEFAULT_SIZE);

        assertEquals(now.evaluation().objective(), l.currentObjective(), 1e-9 * l.currentObjective());
        double x = l.x(pair.get(0).valueIn(now.parameters()));
        double y = l.y(pair.get(1).valueIn(now.parameters()));
        assertTrue(l.pathData().endsWith("L" + PlotFrame.fmt(x) + " " + PlotFrame.fmt(y)), l.pathData());
        assertTrue(l.pathData().startsWith("M" + PlotFrame.fmt(l.x(path.a()[0])) + " "));
        double[] end = l.arrowEnd();
        assertEquals(Landscape.ARROW, Math.hypot(end[0] - x, end[1] - y), 1e-9);
        double stepX = l.x(pair.get(0).valueIn(next)) - x;
        double stepY = l.y(pair.get(1).valueIn(next)) - y;
        double cosine = ((end[0] - x) * stepX + (end[1] - y) * stepY) / Landscape.ARROW / Math.hypot(stepX, stepY);
        assertEquals(1, cosine, 1e-9, "batch GD's next step is −η∇J: the arrow's direction");
    }

    @Test
    void nodes_map_to_the_centres_of_their_pixels_with_b_rising_upward() {
        LandscapeGridTest.Case c = LandscapeGridTest.Case.random(3, List.of(Feature.X1, Feature.X2), 1, 4);

        Landscape l = Landscape.compute(c.objective(), c.theta(), 0.1, 0, c.a(), c.b(), NO_PATH, 5);

        double pixel = Landscape.SIDE / 5;
        for (int i = 0; i < 5; i++) {
            assertEquals((i + 0.5) * pixel, l.x(l.a().values()[i]), 1e-9);
            assertEquals(Landscape.SIDE - (i + 0.5) * pixel, l.y(l.b().values()[i]), 1e-9);
        }
        assertEquals("", l.pathData());
    }

    @Test
    void a_size_out_of_range_the_same_parameter_twice_or_one_not_in_the_model_is_refused() {
        LandscapeGridTest.Case c = LandscapeGridTest.Case.random(3, List.of(Feature.X1, Feature.X2), 1, 4);
        ParameterIndex w = new ParameterIndex(0, 0);

        for (int size : new int[] {Landscape.MIN_SIZE - 1, Landscape.MAX_SIZE + 1}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Landscape.compute(c.objective(), c.theta(), 0, 0, c.a(), c.b(), NO_PATH, size));
        }
        assertThrows(IllegalArgumentException.class,
                () -> Landscape.compute(c.objective(), c.theta(), 0, 0, w, w, NO_PATH, 5));
        assertThrows(IllegalArgumentException.class, () -> Landscape.compute(c.objective(), c.theta(), 0, 0, w,
                new ParameterIndex(3, 0), NO_PATH, 5));
        assertThrows(IllegalArgumentException.class, () -> Landscape.compute(c.objective(), c.theta(), 0, 0, w,
                new ParameterIndex(1, 3), NO_PATH, 5));
    }

    /** A path of 1 to 20 steps wandering from somewhere near θ, ending at θ's values. */
    private static PairPath randomPath(LandscapeGridTest.Case c, SplittableRandom random) {
        int steps = 1 + random.nextInt(20);
        double[] a = new double[steps];
        double[] b = new double[steps];
        double reach = random.nextDouble(0.01, 6);
        for (int t = 0; t < steps - 1; t++) {
            a[t] = c.a().valueIn(c.theta()) + random.nextDouble(-reach, reach);
            b[t] = c.b().valueIn(c.theta()) + random.nextDouble(-reach, reach);
        }
        a[steps - 1] = c.a().valueIn(c.theta());
        b[steps - 1] = c.b().valueIn(c.theta());
        return new PairPath(a, b);
    }
}
