package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.logitlab.data.Split;

/**
 * The inspector's views agree with the objective they explain: one example's chain rule
 * ({@link ExampleAnalysis}) and one parameter's derivative split into per-example terms ({@link WeightAnalysis}).
 */
class InspectionTest {

    @Property(tries = 100)
    void an_examples_own_gradient_is_the_stochastic_gradient_of_that_example_alone(
            @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll("featureLists") List<Feature> features,
            @ForAll long seed) {
        Setup s = Setup.random(shape, features, seed);
        DesignMatrix train = s.objective.train();
        int n = new SplittableRandom(seed).nextInt(train.size());
        int point = train.pointIndex(n);

        ExampleAnalysis example = ExampleAnalysis.of(s.model, s.map, s.theta, s.points.x1()[point],
                s.points.x2()[point], train.label(n));
        Parameters single = s.objective.batchGradient(s.theta, 0, null, n, n + 1, s.model.workspace());

        assertArrayEquals(s.map.apply(s.points.x1()[point], s.points.x2()[point]), example.features());
        for (int r = 0; r < s.model.rows(); r++) {
            for (int i = 0; i < s.map.size(); i++) {
                assertEquals(single.weight(r, i), example.gradientWeights()[r][i], 1e-15, "weight " + r + ", " + i);
            }
            assertEquals(single.bias(r), example.gradientBiases()[r], 1e-15, "bias " + r);
        }
        assertTrue(example.loss() >= 0);
        assertEquals(1.0, Arrays.stream(example.probabilities()).sum(), 1e-12);
        assertEquals(s.model.classes(), example.probabilities().length);
    }

    @Property(tries = 100)
    void a_weights_per_example_terms_and_l2_term_add_up_to_its_derivative(
            @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll("featureLists") List<Feature> features,
            @ForAll long seed) {
        Setup s = Setup.random(shape, features, seed);
        SplittableRandom random = new SplittableRandom(~seed);
        int row = random.nextInt(s.model.rows());
        int index = random.nextInt(s.model.dimension() + 1);
        double l2 = 0.3;

        WeightAnalysis analysis = WeightAnalysis.of(s.objective, s.theta, l2, row, index);

        double expected = s.objective.evaluate(s.theta, l2, s.model.workspace()).gradient().get(row, index);
        assertEquals(expected, analysis.gradient());
        assertEquals(s.theta.get(row, index), analysis.weight());
        assertEquals(index == s.model.dimension() ? 0.0 : l2 * s.theta.get(row, index), analysis.regularization());
        double sum = Arrays.stream(analysis.contributions()).sum() + analysis.regularization();
        assertEquals(expected, sum, 1e-12 * Math.max(1, Math.abs(expected)));
        assertEquals(expected, analysis.numericalGradient(), 1e-6 * Math.max(1, Math.abs(expected)));
        for (int e = 0; e < s.objective.train().size(); e++) {
            assertEquals(s.objective.train().pointIndex(e), analysis.trainPointIndices()[e]);
        }
    }

    @Property(tries = 100)
    void rows_by_magnitude_list_every_training_row_largest_contribution_first(
            @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll("featureLists") List<Feature> features,
            @ForAll long seed) {
        Setup s = Setup.random(shape, features, seed);

        WeightAnalysis analysis = WeightAnalysis.of(s.objective, s.theta, 0.1, 0, 0);
        Integer[] order = analysis.rowsByMagnitude();

        int[] sorted = Arrays.stream(order).mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(Fixtures.range(s.objective.train().size()), sorted);
        double[] c = analysis.contributions();
        for (int k = 1; k < order.length; k++) {
            assertTrue(Math.abs(c[order[k - 1]]) >= Math.abs(c[order[k]]), "position " + k);
        }
    }

    @Provide
    Arbitrary<List<Feature>> featureLists() {
        return Arbitraries.of(Feature.class).list().uniqueElements().ofMinSize(1).ofMaxSize(Feature.values().length);
    }

    /** Shape 1 is sigmoid; 2..8 is softmax with that many classes. Train on 18 of 24 random points. */
    private record Setup(FeatureMap map, LogisticModel model, Fixtures.Points points, Objective objective,
                         Parameters theta) {
        static Setup random(int shape, List<Feature> features, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            FeatureMap map = new FeatureMap(features);
            int classes = Math.max(2, shape);
            LogisticModel model = new LogisticModel(classes,
                    shape == 1 ? Parameterization.SIGMOID : Parameterization.SOFTMAX, map.size());
            Fixtures.Points points = Fixtures.randomPoints(24, classes, random);
            int[] order = Split.permutation(random, 24);
            Objective objective = new Objective(model, Fixtures.matrix(map, points, Arrays.copyOf(order, 18)),
                    Fixtures.matrix(map, points, Arrays.copyOfRange(order, 18, 24)));
            Parameters theta = Fixtures.nonZeroParameters(model.rows(), model.dimension(), 0.4, random);
            return new Setup(map, model, points, objective, theta);
        }
    }
}
