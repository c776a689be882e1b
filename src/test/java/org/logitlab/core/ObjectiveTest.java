package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.logitlab.data.Split;

/** J(θ) = (1/N) Σ L_CE + (λ/2) Σ w² over the training set, and what {@link Evaluation} reports beside it. */
class ObjectiveTest {
    /**
     * A random model of {@code shape} (1: sigmoid, else softmax over that many classes) over {@code features}, {@code n}
     * random points, and non-zero parameters of about {@code scale}.
     */
    private record Case(FeatureMap map, LogisticModel model, Fixtures.Points points, Parameters theta) {
        static Case of(int shape, List<Feature> features, long seed, int n, double scale) {
            Parameterization parameterization = shape == 1 ? Parameterization.SIGMOID : Parameterization.SOFTMAX;
            int classes = Math.max(2, shape);
            SplittableRandom random = new SplittableRandom(seed);
            FeatureMap map = new FeatureMap(features);
            LogisticModel model = new LogisticModel(classes, parameterization, map.size());
            Fixtures.Points points = Fixtures.randomPoints(n, classes, random);
            return new Case(map, model, points, Fixtures.nonZeroParameters(model.rows(), model.dimension(), scale,
                    random));
        }
    }

    @Property(tries = 200)
    void objective_equals_the_mean_textbook_loss_plus_half_lambda_times_the_squared_weights(
            @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll("featureLists") List<Feature> features,
            @ForAll @DoubleRange(min = 0, max = 10) double l2, @ForAll long seed) {
        // Small weights keep |z| below 10, where the naive 1 − σ(z) still has enough digits.
        Case c = Case.of(shape, features, seed, 25, 0.08);
        Parameterization parameterization = c.model().parameterization();
        FeatureMap map = c.map();
        LogisticModel model = c.model();
        Fixtures.Points points = c.points();
        Parameters theta = c.theta();

        Evaluation evaluation = Fixtures.objective(model, map, points).evaluate(theta, l2, model.workspace());

        double lossSum = 0;
        int correct = 0;
        for (int n = 0; n < points.size(); n++) {
            double[] z = naiveLogits(theta, map.apply(points.x1()[n], points.x2()[n]));
            int label = points.labels()[n];
            lossSum += parameterization == Parameterization.SIGMOID ? naiveBinaryLoss(z[0], label)
                    : naiveSoftmaxLoss(z, label);
            if (naiveArgmax(z, parameterization) == label) {
                correct++;
            }
        }
        double meanLoss = lossSum / points.size();
        double squaredWeights = 0;
        for (double w : theta.flatWeights()) {
            squaredWeights += w * w;
        }
        double objective = meanLoss + 0.5 * l2 * squaredWeights;
        assertEquals(meanLoss, evaluation.trainLoss(), 1e-9 * Math.max(1, meanLoss));
        assertEquals(objective, evaluation.objective(), 1e-9 * Math.max(1, objective), "biases are not regularized");
        assertEquals((double) correct / points.size(), evaluation.trainAccuracy());
    }

    @Property(tries = 100)
    void gradient_norm_is_the_euclidean_norm_of_the_gradient(@ForAll("featureLists") List<Feature> features,
                                                            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureMap map = new FeatureMap(features);
        LogisticModel model = new LogisticModel(4, Parameterization.SOFTMAX, map.size());
        Parameters theta = Fixtures.nonZeroParameters(model.rows(), model.dimension(), 0.3, random);

        Evaluation evaluation = Fixtures.objective(model, map, Fixtures.randomPoints(20, 4, random))
                .evaluate(theta, 0.1, model.workspace());

        double sum = 0;
        for (double g : evaluation.gradient().flatWeights()) {
            sum += g * g;
        }
        for (double g : evaluation.gradient().biasArray()) {
            sum += g * g;
        }
        assertEquals(Math.sqrt(sum), evaluation.gradientNorm(), 1e-12 * Math.sqrt(sum));
    }

    @Test
    void zero_parameters_give_a_loss_of_log_k_whatever_the_data() {
        for (int classes = 2; classes <= 8; classes++) {
            LogisticModel model = new LogisticModel(classes, Parameterization.SOFTMAX, 2);
            Fixtures.Points points = Fixtures.randomPoints(17, classes, new SplittableRandom(classes));
            Evaluation evaluation = Fixtures.objective(model, FeatureMap.LINEAR, points)
                    .evaluate(Parameters.zeros(classes, 2), 3.0, model.workspace());
            assertEquals(Math.log(classes), evaluation.trainLoss(), 1e-14, "K = " + classes);
            assertEquals(evaluation.trainLoss(), evaluation.objective(), "no weights, no penalty");
        }
    }

    @Test
    void the_test_set_is_measured_but_never_enters_the_gradient() {
        SplittableRandom random = new SplittableRandom(5);
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, 2);
        Fixtures.Points points = Fixtures.randomPoints(30, 3, random);
        Parameters theta = Fixtures.nonZeroParameters(3, 2, 0.5, random);
        int[] train = Fixtures.range(20);
        int[] test = {20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
        Objective withTest = new Objective(model, Fixtures.matrix(FeatureMap.LINEAR, points, train),
                Fixtures.matrix(FeatureMap.LINEAR, points, test));
        Objective withoutTest = new Objective(model, Fixtures.matrix(FeatureMap.LINEAR, points, train),
                Fixtures.matrix(FeatureMap.LINEAR, points, new int[0]));
        Objective testAsTraining = new Objective(model, Fixtures.matrix(FeatureMap.LINEAR, points, test),
                Fixtures.matrix(FeatureMap.LINEAR, points, new int[0]));

        Evaluation a = withTest.evaluate(theta, 0.2, model.workspace());
        Evaluation b = withoutTest.evaluate(theta, 0.2, model.workspace());
        Evaluation onTest = testAsTraining.evaluate(theta, 0.2, model.workspace());

        assertEquals(b.gradient(), a.gradient());
        assertEquals(b.trainLoss(), a.trainLoss());
        assertNull(b.testLoss());
        assertNull(b.testAccuracy());
        assertNotNull(a.testLoss());
        assertEquals(onTest.trainLoss(), a.testLoss());
        assertEquals(onTest.trainAccuracy(), a.testAccuracy());
    }

    @Property(tries = 100)
    void batch_gradient_over_the_whole_training_set_in_order_is_the_full_gradient(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureMap map = Fixtures.features(Feature.values());
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, map.size());
        Fixtures.Points points = Fixtures.randomPoints(23, 3, random);
        Parameters theta = Fixtures.nonZeroParameters(3, map.size(), 0.3, random);
        Objective objective = Fixtures.objective(model, map, points);

        Parameters batch = objective.batchGradient(theta, 0.4, Fixtures.range(23), 0, 23, model.workspace());

        assertEquals(objective.evaluate(theta, 0.4, model.workspace()).gradient(), batch);
    }

    @Property(tries = 100)
    void batch_gradient_of_a_slice_of_a_shuffle_is_the_gradient_over_just_those_examples(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 22) int from,
            @ForAll @IntRange(min = 1, max = 23) int length) {
        int to = Math.min(23, from + length);
        SplittableRandom random = new SplittableRandom(seed);
        FeatureMap map = Fixtures.features(Feature.X1, Feature.SIN_X2, Feature.X1_TIMES_X2);
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, map.size());
        Fixtures.Points points = Fixtures.randomPoints(23, 2, random);
        Parameters theta = Fixtures.nonZeroParameters(1, map.size(), 0.3, random);
        int[] order = Split.permutation(random, 23);
        int[] slice = Arrays.copyOfRange(order, from, to);
        Objective whole = Fixtures.objective(model, map, points);
        Objective justTheSlice = new Objective(model, Fixtures.matrix(map, points, slice),
                Fixtures.matrix(map, points, new int[0]));

        Parameters batch = whole.batchGradient(theta, 0.4, order, from, to, model.workspace());

        assertEquals(justTheSlice.evaluate(theta, 0.4, model.workspace()).gradient(), batch);
    }

    @Test
    void an_empty_training_set_is_rejected_naming_the_test_fraction() {
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 2);
        Fixtures.Points points = Fixtures.randomPoints(3, 2, new SplittableRandom(1));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new Objective(model,
                Fixtures.matrix(FeatureMap.LINEAR, points, new int[0]), Fixtures.matrix(FeatureMap.LINEAR, points)));
        assertEquals("testFraction", e.field());
    }

    @Provide
    Arbitrary<List<Feature>> featureLists() {
        return Arbitraries.of(Feature.class).list().uniqueElements().ofMinSize(1).ofMaxSize(Feature.values().length);
    }

    @Property(tries = 200)
    void the_misclassified_points_of_train_and_test_are_those_whose_true_class_another_class_beats(
            @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll("featureLists") List<Feature> features,
            @ForAll long seed) {
        Case c = Case.of(shape, features, seed, 30, 1.0);
        Parameterization parameterization = c.model().parameterization();
        FeatureMap map = c.map();
        Fixtures.Points points = c.points();
        Parameters theta = c.theta();
        int[] test = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
        int[] train = IntStream.range(0, points.size())
                .filter(i -> Arrays.stream(test).noneMatch(t -> t == i)).toArray();
        Objective objective = new Objective(c.model(), Fixtures.matrix(map, points, train),
                Fixtures.matrix(map, points, test));

        BitSet expected = new BitSet();
        for (int n = 0; n < points.size(); n++) {
            double[] z = naiveLogits(theta, map.apply(points.x1()[n], points.x2()[n]));
            double[] p = parameterization == Parameterization.SIGMOID
                    ? new double[] {1 - naiveSigmoid(z[0]), naiveSigmoid(z[0])} : naiveSoftmax(z);
            int label = points.labels()[n];
            for (int k = 0; k < p.length; k++) {
                if (p[k] > p[label]) {
                    expected.set(n);
                }
            }
        }
        assertEquals(expected, objective.misclassified(theta));
    }

    @Test
    void at_zero_weights_every_class_ties_and_no_point_is_misclassified() {
        FeatureMap map = Fixtures.features(Feature.X1, Feature.X2);
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, map.size());
        Fixtures.Points points = Fixtures.randomPoints(20, 3, new SplittableRandom(4));
        Objective objective = Fixtures.objective(model, map, points);
        assertEquals(new BitSet(), objective.misclassified(Parameters.zeros(model.rows(), 2)));
    }

    private static double[] naiveLogits(Parameters theta, double[] phi) {
        double[] z = new double[theta.rows()];
        for (int r = 0; r < theta.rows(); r++) {
            z[r] = theta.bias(r);
            for (int i = 0; i < phi.length; i++) {
                z[r] += theta.weight(r, i) * phi[i];
            }
        }
        return z;
    }

    /** −[y log σ(z) + (1 − y) log(1 − σ(z))], (5.44). */
    private static double naiveBinaryLoss(double z, int y) {
        double sigma = 1 / (1 + Math.exp(-z));
        return y == 1 ? -Math.log(sigma) : -Math.log(1 - sigma);
    }

    /** −log(exp(z_c) / Σ exp(z_j)), (5.47), with the largest logit factored out so that exp cannot overflow. */
    private static double naiveSoftmaxLoss(double[] z, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (double zj : z) {
            max = Math.max(max, zj);
        }
        double denominator = 0;
        for (double zj : z) {
            denominator += Math.exp(zj - max);
        }
        return -Math.log(Math.exp(z[c] - max) / denominator);
    }

    private static double naiveSigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** exp(z_k) / Σ exp(z_j), with the largest logit factored out. */
    private static double[] naiveSoftmax(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
        double[] p = Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(v -> v / sum).toArray();
    }

    private static int naiveArgmax(double[] z, Parameterization parameterization) {
        if (parameterization == Parameterization.SIGMOID) {
            return z[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }
}
