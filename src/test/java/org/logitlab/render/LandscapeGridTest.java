package org.logitlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.logitlab.core.DesignMatrix;
import org.logitlab.core.Evaluation;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Objective;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/** J over a grid of two parameters, by the product form, against the core's own J at every node. */
class LandscapeGridTest {
    private static final double RELATIVE = 1e-9;

    /** A model, its training data and θ; {@code scale} bounds the weights and biases. */
    record Case(Objective objective, Parameters theta, ParameterIndex a, ParameterIndex b) {
        static Case random(int shape, List<Feature> features, double scale, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Parameterization p = shape == 1 ? Parameterization.SIGMOID : Parameterization.SOFTMAX;
            int classes = Math.max(2, shape);
            FeatureMap map = new FeatureMap(features);
            LogisticModel model = new LogisticModel(classes, p, map.size());
            int n = 1 + random.nextInt(60);
            double[] x1 = new double[n];
            double[] x2 = new double[n];
            int[] labels = new int[n];
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                x1[i] = random.nextDouble(-6, 6);
                x2[i] = random.nextDouble(-6, 6);
                labels[i] = random.nextInt(classes);
                all[i] = i;
            }
            Objective objective = new Objective(model, new DesignMatrix(map, x1, x2, labels, all),
                    new DesignMatrix(map, x1, x2, labels, new int[0]));
            double[] w = new double[model.rows() * map.size()];
            double[] b = new double[model.rows()];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextDouble(-scale, scale);
            }
            for (int r = 0; r < b.length; r++) {
                b[r] = random.nextDouble(-scale, scale);
            }
            int parameters = model.rows() * (map.size() + 1);
            int first = random.nextInt(parameters);
            int second = (first + 1 + random.nextInt(parameters - 1)) % parameters;
            return new Case(objective, Parameters.of(model.rows(), map.size(), w, b),
                    new ParameterIndex(first / (map.size() + 1), first % (map.size() + 1)),
                    new ParameterIndex(second / (map.size() + 1), second % (map.size() + 1)));
        }

        double coreObjective(double va, double vb, double l2) {
            Parameters at = theta.with(a.row(), a.index(), va).with(b.row(), b.index(), vb);
            return objective.evaluate(at, l2, objective.model().workspace()).objective();
        }
    }

    @Property(tries = 300)
    void every_node_equals_the_cores_objective_for_any_model_pair_and_grid(
            @ForAll @IntRange(min = 1, max = 8) int shape,
            @ForAll(supplier = FeatureLists.class) List<Feature> features,
            @ForAll @DoubleRange(min = 0, max = 2) double l2, @ForAll @DoubleRange(min = 0.01, max = 3) double scale,
            @ForAll long seed) {
        Case c = Case.random(shape, features, scale, seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] as = values(c.a().valueIn(c.theta()), 3 + random.nextInt(4), random);
        double[] bs = values(c.b().valueIn(c.theta()), 3 + random.nextInt(4), random);

        double[][] grid = new LandscapeGrid(c.objective(), c.theta(), l2, 0, c.a(), c.b()).objective(as, bs);

        assertMatchesCore(c, l2, as, bs, grid);
    }

    @Test
    void logits_hundreds_apart_are_evaluated_directly_and_still_match() {
        Case c = Case.random(5, List.of(Feature.values()), 40, 3);
        double[] as = {-200, 0, 200};
        double[] bs = {-90, 310, 710};

        double[][] grid = new LandscapeGrid(c.objective(), c.theta(), 0.01, 0, c.a(), c.b()).objective(as, bs);

        assertMatchesCore(c, 0.01, as, bs, grid);
    }

    @Test
    void the_l1_term_adds_lambda_one_times_the_absolute_weights_and_leaves_biases_alone() {
        Case c = Case.random(4, List.of(Feature.X1, Feature.X2), 1, 8);
        ParameterIndex weight = new ParameterIndex(1, 0);
        ParameterIndex bias = new ParameterIndex(2, 2);
        double[] as = {-1, 0.5};
        double[] bs = {-2, 3};

        double[][] without = new LandscapeGrid(c.objective(), c.theta(), 0.1, 0, weight, bias).objective(as, bs);
        double[][] with = new LandscapeGrid(c.objective(), c.theta(), 0.1, 0.3, weight, bias).objective(as, bs);

        double others = 0;
        for (double w : c.theta().flatWeights()) {
            others += Math.abs(w);
        }
        others -= Math.abs(weight.valueIn(c.theta()));
        for (int i = 0; i < as.length; i++) {
            for (int j = 0; j < bs.length; j++) {
                assertEquals(0.3 * (others + Math.abs(as[i])), with[i][j] - without[i][j], 1e-12);
            }
        }
    }

    @Property(tries = 100)
    void the_gradient_at_theta_is_the_cores(@ForAll @IntRange(min = 1, max = 8) int shape,
                                            @ForAll(supplier = FeatureLists.class) List<Feature> features,
                                            @ForAll @DoubleRange(min = 0, max = 2) double l2, @ForAll long seed) {
        Case c = Case.random(shape, features, 1, seed);

        LandscapeGrid grid = new LandscapeGrid(c.objective(), c.theta(), l2, 0, c.a(), c.b());

        Evaluation core = c.objective().evaluate(c.theta(), l2, c.objective().model().workspace());
        assertEquals(c.a().valueIn(core.gradient()), grid.gradientA(), 1e-12);
        assertEquals(c.b().valueIn(core.gradient()), grid.gradientB(), 1e-12);
    }

    @Property(tries = 100)
    void the_curvature_is_the_second_central_difference_of_j(@ForAll @IntRange(min = 1, max = 8) int shape,
                                                          @ForAll(supplier = FeatureLists.class) List<Feature> features,
                                                          @ForAll @DoubleRange(min = 0, max = 2) double l2,
                                                          @ForAll long seed) {
        Case c = Case.random(shape, features, 1, seed);
        double h = 1e-4;
        double va = c.a().valueIn(c.theta());
        double vb = c.b().valueIn(c.theta());

        LandscapeGrid grid = new LandscapeGrid(c.objective(), c.theta(), l2, 0, c.a(), c.b());

        double[][] j = grid.objective(new double[] {va - h, va, va + h}, new double[] {vb - h, vb, vb + h});
        double second = (j[0][1] - 2 * j[1][1] + j[2][1]) / (h * h);
        assertEquals(second, grid.curvatureA(), 1e-4 * Math.max(1, Math.abs(second)));
        double secondB = (j[1][0] - 2 * j[1][1] + j[1][2]) / (h * h);
        assertEquals(secondB, grid.curvatureB(), 1e-4 * Math.max(1, Math.abs(secondB)));
    }

    static void assertMatchesCore(Case c, double l2, double[] as, double[] bs, double[][] grid) {
        for (int i = 0; i < as.length; i++) {
            for (int j = 0; j < bs.length; j++) {
                double expected = c.coreObjective(as[i], bs[j], l2);
                assertEquals(expected, grid[i][j], RELATIVE * expected, "node " + i + ", " + j);
            }
        }
    }

    /** {@code count} increasing values around {@code current}, one of them exactly {@code current}. */
    private static double[] values(double current, int count, SplittableRandom random) {
        double h = random.nextDouble(0.001, 2);
        int c = random.nextInt(count);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = current + (i - c) * h;
        }
        return out;
    }
}
