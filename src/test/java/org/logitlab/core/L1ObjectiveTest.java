package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * J = J_smooth + λ₁‖W‖₁: the objective adds the L1 term, the reported gradient stays ∇J_smooth (checked against
 * central differences of J_smooth, also where weights are exactly 0), and the stationarity vector is the
 * minimum-norm subgradient of J.
 */
class L1ObjectiveTest {
    private static final int POINTS = 30;

    record Problem(LogisticModel model, Objective objective, Parameters theta) {
    }

    /** Random points and non-zero θ, with every third weight set to exactly 0, where J has its kink. */
    static Problem problem(int classes, Parameterization parameterization, List<Feature> features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureMap map = new FeatureMap(features);
        LogisticModel model = new LogisticModel(classes, parameterization, map.size());
        Objective objective = Fixtures.objective(model, map, Fixtures.randomPoints(POINTS, classes, random));
        Parameters theta = Fixtures.nonZeroParameters(model.rows(), model.dimension(), 0.5, random);
        double[] w = theta.flatWeights();
        for (int i = 0; i < w.length; i += 3) {
            w[i] = 0.0;
        }
        return new Problem(model, objective, Parameters.of(model.rows(), model.dimension(), w, theta.biasArray()));
    }

    @Property(tries = 100)
    void the_gradient_matches_central_differences_of_the_smooth_objective_also_at_zero_weights(
            @ForAll("classes") int classes, @ForAll("featureLists") List<Feature> features,
            @ForAll("l2s") double l2, @ForAll("l1s") double l1, @ForAll long seed) {
        Parameterization parameterization = classes == 2 && seed % 2 == 0 ? Parameterization.SIGMOID
                : Parameterization.SOFTMAX;
        Problem p = problem(classes, parameterization, features, seed);
        Parameters gradient = p.objective().evaluate(p.theta(), l2, l1, p.model().workspace()).gradient();

        for (int r = 0; r < p.model().rows(); r++) {
            for (int i = 0; i <= p.model().dimension(); i++) {
                WeightAnalysis a = WeightAnalysis.of(p.objective(), p.theta(), l2, r, i);
                assertEquals(gradient.get(r, i), a.gradient(), "the analysis reports the run's own ∂J_smooth");
                assertEquals(a.numericalGradient(), a.gradient(), 1e-6 * Math.max(1, Math.abs(a.gradient())),
                        "parameter (" + r + ", " + i + ") at value " + p.theta().get(r, i));
            }
        }
    }

    @Property(tries = 100)
    void the_objective_adds_l1_times_the_sum_of_weight_magnitudes_and_nothing_for_the_biases(
            @ForAll("classes") int classes, @ForAll("featureLists") List<Feature> features,
            @ForAll("l2s") double l2, @ForAll("l1s") double l1, @ForAll long seed) {
        Problem p = problem(classes, Parameterization.SOFTMAX, features, seed);
        LogisticModel.Workspace ws = p.model().workspace();
        double magnitudes = 0;
        for (double[] row : p.theta().weightRows()) {
            for (double w : row) {
                magnitudes += Math.abs(w);
            }
        }

        Evaluation smooth = p.objective().evaluate(p.theta(), l2, ws);
        Evaluation withL1 = p.objective().evaluate(p.theta(), l2, l1, ws);

        assertEquals(smooth.objective() + l1 * magnitudes, withL1.objective(), 1e-12 * (1 + withL1.objective()));
        assertEquals(smooth.trainLoss(), withL1.trainLoss());
        assertEquals(smooth.gradient(), withL1.gradient(), "L1 does not change ∇J_smooth");
        Parameters shiftedBiases = p.theta().with(0, p.model().dimension(), p.theta().bias(0) + 3.0);
        assertEquals(p.objective().evaluate(shiftedBiases, l2, ws).objective() + l1 * magnitudes,
                p.objective().evaluate(shiftedBiases, l2, l1, ws).objective(),
                1e-12 * (1 + withL1.objective()), "biases carry no L1 term");
    }

    @Property(tries = 100)
    void the_stationarity_is_the_shortest_subgradient_of_j(
            @ForAll("classes") int classes, @ForAll("featureLists") List<Feature> features,
            @ForAll("l1s") double l1, @ForAll long seed) {
        Problem p = problem(classes, Parameterization.SOFTMAX, features, seed);
        Evaluation e = p.objective().evaluate(p.theta(), 0.1, l1, p.model().workspace());

        double squares = 0;
        for (int r = 0; r < p.model().rows(); r++) {
            for (int i = 0; i <= p.model().dimension(); i++) {
                double w = p.theta().get(r, i);
                double g = e.gradient().get(r, i);
                double expected;
                if (i == p.model().dimension()) {
                    expected = g;
                } else if (w != 0) {
                    expected = g + l1 * Math.signum(w);
                } else {
                    // The closest point to 0 of the interval [g − λ₁, g + λ₁].
                    expected = g > l1 ? g - l1 : g < -l1 ? g + l1 : 0.0;
                }
                assertEquals(expected, e.stationarity().get(r, i), "(" + r + ", " + i + ")");
                squares += expected * expected;
            }
        }
        assertEquals(Math.sqrt(squares), e.gradientNorm(), 1e-12 * Math.max(1, e.gradientNorm()));
    }

    @Test
    void without_l1_the_stationarity_is_the_gradient_and_its_norm_is_the_gradient_norm() {
        Problem p = problem(3, Parameterization.SOFTMAX, List.of(Feature.X1, Feature.X2), 5);
        Evaluation e = p.objective().evaluate(p.theta(), 0.2, 0.0, p.model().workspace());

        assertSame(e.gradient(), e.stationarity());
        assertEquals(Numerics.norm(e.gradient().flatWeights(), e.gradient().biasArray()), e.gradientNorm());
        assertEquals(e, p.objective().evaluate(p.theta(), 0.2, p.model().workspace()));
    }

    @Test
    void at_zero_weights_a_gradient_within_l1_counts_as_stationary() {
        Problem p = problem(2, Parameterization.SIGMOID, List.of(Feature.X1, Feature.X2), 9);
        Parameters zeros = Parameters.zeros(1, 2);
        Evaluation e = p.objective().evaluate(zeros, 0.0, 10.0, p.model().workspace());

        assertTrue(Math.abs(e.gradient().weight(0, 0)) < 10.0);
        assertEquals(0.0, e.stationarity().weight(0, 0));
        assertEquals(0.0, e.stationarity().weight(0, 1));
        assertEquals(Math.abs(e.gradient().bias(0)), e.gradientNorm(), "only the bias is left");
    }

    @Provide
    Arbitrary<Integer> classes() {
        return Arbitraries.integers().between(2, 8);
    }

    @Provide
    Arbitrary<List<Feature>> featureLists() {
        return Arbitraries.of(Feature.class).list().uniqueElements().ofMinSize(1).ofMaxSize(Feature.values().length);
    }

    @Provide
    Arbitrary<Double> l2s() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(1e-3, 1).ofScale(6));
    }

    @Provide
    Arbitrary<Double> l1s() {
        return Arbitraries.doubles().between(1e-3, Hyperparameters.MAX_L1).ofScale(6);
    }
}
