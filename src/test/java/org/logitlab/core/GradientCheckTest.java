package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ∇J from {@link Objective#evaluate} against central differences of J itself: (4.61) for sigmoid and (5.48) for
 * softmax, averaged over the training set, plus λw on the weights.
 */
class GradientCheckTest {
    /** Central differences with h ≈ 1e-6 carry O(h²) truncation and O(ε·J/h) rounding; both stay well below this. */
    private static final double RELATIVE_TOLERANCE = 1e-6;
    private static final int POINTS = 30;

    record Shape(Parameterization parameterization, int classes) {
        @Override
        public String toString() {
            return parameterization.key() + " K=" + classes;
        }
    }

    private static final List<Shape> SHAPES = List.of(new Shape(Parameterization.SIGMOID, 2),
            new Shape(Parameterization.SOFTMAX, 2), new Shape(Parameterization.SOFTMAX, 3),
            new Shape(Parameterization.SOFTMAX, 5), new Shape(Parameterization.SOFTMAX, 8));
    private static final double[] L2 = {0.0, 0.37};

    static Stream<Arguments> everyFeatureForEachShapeAndL2() {
        List<Arguments> cases = new ArrayList<>();
        for (Shape shape : SHAPES) {
            for (Feature feature : Feature.values()) {
                for (double l2 : L2) {
                    cases.add(Arguments.of(shape, feature.key(), l2));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}, λ={2}")
    @MethodSource("everyFeatureForEachShapeAndL2")
    void gradient_matches_central_differences_for_each_feature_alone(Shape shape, String featureKey, double l2) {
        FeatureMap map = Fixtures.features(Feature.byKey(featureKey).orElseThrow());
        assertGradientMatchesCentralDifferences(shape, map, l2, featureKey.hashCode());
    }

    static Stream<Arguments> everyShapeAndL2() {
        List<Arguments> cases = new ArrayList<>();
        for (Shape shape : SHAPES) {
            for (double l2 : L2) {
                cases.add(Arguments.of(shape, l2));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, λ={1}")
    @MethodSource("everyShapeAndL2")
    void gradient_matches_central_differences_with_all_seven_features_together(Shape shape, double l2) {
        assertGradientMatchesCentralDifferences(shape, Fixtures.features(Feature.values()), l2, 2024);
    }

    @Property(tries = 150)
    void gradient_matches_central_differences_for_any_feature_map_class_count_and_l2(
            @ForAll("shapes") Shape shape, @ForAll("featureLists") List<Feature> features,
            @ForAll("l2s") double l2, @ForAll long seed) {
        assertGradientMatchesCentralDifferences(shape, new FeatureMap(features), l2, seed);
    }

    @Property(tries = 100)
    void l2_adds_lambda_w_to_each_weight_gradient_and_nothing_to_the_biases(
            @ForAll("shapes") Shape shape, @ForAll("featureLists") List<Feature> features,
            @ForAll("positiveL2s") double l2, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureMap map = new FeatureMap(features);
        LogisticModel model = new LogisticModel(shape.classes(), shape.parameterization(), map.size());
        Objective objective = Fixtures.objective(model, map, Fixtures.randomPoints(POINTS, shape.classes(), random));
        Parameters theta = Fixtures.nonZeroParameters(model.rows(), model.dimension(), 0.5, random);

        Parameters plain = objective.evaluate(theta, 0.0, model.workspace()).gradient();
        Parameters regularized = objective.evaluate(theta, l2, model.workspace()).gradient();
        for (int r = 0; r < model.rows(); r++) {
            for (int i = 0; i < model.dimension(); i++) {
                double expected = plain.weight(r, i) + l2 * theta.weight(r, i);
                assertEquals(expected, regularized.weight(r, i), 1e-12 * Math.max(1, Math.abs(expected)),
                        "weight (" + r + ", " + i + ")");
            }
            assertEquals(plain.bias(r), regularized.bias(r), "bias " + r + " must not be regularized");
        }
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.oneOf(Arbitraries.just(new Shape(Parameterization.SIGMOID, 2)),
                Arbitraries.integers().between(2, 8).map(k -> new Shape(Parameterization.SOFTMAX, k)));
    }

    @Provide
    Arbitrary<List<Feature>> featureLists() {
        return Arbitraries.of(Feature.class).list().uniqueElements().ofMinSize(1).ofMaxSize(Feature.values().length);
    }

    @Provide
    Arbitrary<Double> l2s() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), positiveL2s());
    }

    @Provide
    Arbitrary<Double> positiveL2s() {
        return Arbitraries.doubles().between(1e-3, Hyperparameters.MAX_L2).ofScale(6);
    }

    /**
     * At random non-zero θ over random points, every partial derivative of J (weights and biases of every row)
     * equals (J(θ + h·e) − J(θ − h·e)) / 2h with h scaled to the parameter.
     */
    private static void assertGradientMatchesCentralDifferences(Shape shape, FeatureMap map, double l2, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LogisticModel model = new LogisticModel(shape.classes(), shape.parameterization(), map.size());
        Objective objective = Fixtures.objective(model, map, Fixtures.randomPoints(POINTS, shape.classes(), random));
        Parameters theta = Fixtures.nonZeroParameters(model.rows(), model.dimension(), 0.5, random);
        LogisticModel.Workspace ws = model.workspace();
        Parameters gradient = objective.evaluate(theta, l2, ws).gradient();

        double largest = 0;
        for (int r = 0; r < model.rows(); r++) {
            for (int i = 0; i <= model.dimension(); i++) {
                double value = theta.get(r, i);
                double h = 1e-6 * Math.max(1, Math.abs(value));
                double up = value + h;
                double down = value - h;
                double plus = objective.evaluate(theta.with(r, i, up), l2, ws).objective();
                double minus = objective.evaluate(theta.with(r, i, down), l2, ws).objective();
                double numeric = (plus - minus) / (up - down);
                double analytic = gradient.get(r, i);
                String which = (i == model.dimension() ? "bias" : "weight " + map.get(i).key()) + " of row " + r;
                assertEquals(numeric, analytic, RELATIVE_TOLERANCE * Math.max(1, Math.abs(analytic)), which);
                largest = Math.max(largest, Math.abs(analytic));
            }
        }
        assertTrue(largest > 1e-3, "a vanishing gradient would make the check vacuous");
    }
}
