package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.data.DatasetSpec;
import org.logitlab.data.InvalidDatasetException;

/** Every configuration value LogitLab cannot use is refused with the name of the field that is wrong. */
class ConfigValidationTest {

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 100.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void a_learning_rate_outside_zero_to_one_hundred_names_learning_rate(double learningRate) {
        assertField("learningRate", () -> new Hyperparameters(learningRate, 0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-9, 10.0001, Double.NaN, Double.POSITIVE_INFINITY})
    void an_l2_outside_zero_to_ten_names_l2(double l2) {
        assertField("l2", () -> new Hyperparameters(0.1, l2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-9, 10.0001, Double.NaN, Double.NEGATIVE_INFINITY})
    void an_l1_outside_zero_to_ten_names_l1(double l1) {
        assertField("l1", () -> new Hyperparameters(0.1, 0, l1));
    }

    @Test
    void two_arguments_mean_no_l1_and_minus_zero_is_zero() {
        assertEquals(new Hyperparameters(0.5, 0.25, 0.0), new Hyperparameters(0.5, 0.25));
        assertEquals(new Hyperparameters(0.5, 0.0, 0.0), new Hyperparameters(0.5, -0.0, -0.0));
        assertEquals(Hyperparameters.MAX_L1, new Hyperparameters(1, 0, Hyperparameters.MAX_L1).l1());
    }

    @Test
    void the_limits_themselves_are_allowed() {
        Hyperparameters hp = new Hyperparameters(Hyperparameters.MAX_LEARNING_RATE, Hyperparameters.MAX_L2);
        assertEquals(100, hp.learningRate());
        assertEquals(0, new Hyperparameters(1e-9, 0).l2());
    }

    @Test
    void an_empty_or_repeating_feature_map_names_features() {
        assertField("features", () -> new FeatureMap(List.of()));
        assertField("features", () -> new FeatureMap(List.of(Feature.X1, Feature.SIN_X1, Feature.X1)));
    }

    @Test
    void every_feature_is_found_by_its_key_and_computes_what_the_key_says() {
        double x1 = 1.5;
        double x2 = -2.25;
        Map<String, Double> expected = Map.of("x1", x1, "x2", x2, "x1^2", x1 * x1, "x2^2", x2 * x2, "x1*x2", x1 * x2,
                "sin(x1)", Math.sin(x1), "sin(x2)", Math.sin(x2));
        assertEquals(Feature.values().length, expected.size());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            Feature feature = Feature.byKey(e.getKey()).orElseThrow();
            assertEquals(e.getValue(), feature.apply(x1, x2), 1e-15, e.getKey());
            assertEquals(e.getKey().equals("x1") || e.getKey().equals("x2"), feature.isLinear(), e.getKey());
            assertTrue(Feature.allowedKeys().contains(e.getKey()));
        }
        assertTrue(Feature.byKey("x3").isEmpty());
    }

    @Test
    void a_feature_map_writes_its_columns_in_the_order_chosen() {
        FeatureMap map = Fixtures.features(Feature.X2_SQUARED, Feature.X1, Feature.X1_TIMES_X2);
        double[] out = {9, 9, 9, 9, 9};

        map.apply(2, 3, out, 1);

        assertEquals(List.of(9.0, 9.0, 2.0, 6.0, 9.0), Arrays.stream(out).boxed().toList());
        assertEquals(List.of("x2^2", "x1", "x1*x2"), map.keys());
        assertFalse(map.isLinear());
        assertTrue(FeatureMap.LINEAR.isLinear());
    }

    @Test
    void unknown_keys_name_their_field() {
        assertField("optimizer", () -> Optimizer.byKey("adam"));
        assertField("parameterization", () -> Parameterization.byKey("probit"));
        assertEquals(Optimizer.MINIBATCH, Optimizer.byKey("minibatch"));
        assertEquals(Parameterization.SOFTMAX, Parameterization.byKey("softmax"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, RunConfig.MAX_BATCH_SIZE + 1})
    void a_batch_size_outside_one_to_five_thousand_names_batch_size(int batchSize) {
        assertField("batchSize", () -> Fixtures.run("blobs", 20, 2, Parameterization.SIGMOID, FeatureMap.LINEAR,
                Optimizer.MINIBATCH, batchSize, 0.1, 0, 0, 1, new Init.Zeros()));
    }

    @Test
    void a_schedule_without_step_zero_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RunConfig(DatasetSpec.named("blobs", 20, 0, 1), 2,
                Parameterization.SIGMOID, FeatureMap.LINEAR, Optimizer.BATCH, 1, 0, 1, new Init.Zeros(),
                new TreeMap<>(Map.of(3L, new Hyperparameters(0.1, 0)))));
    }

    @Test
    void sigmoid_with_more_than_two_classes_names_parameterization() {
        assertField("parameterization", () -> new TrainingRun(Fixtures.run("blobs", 20, 3, Parameterization.SIGMOID,
                FeatureMap.LINEAR, Optimizer.BATCH, 1, 0.1, 0, 0, 1, new Init.Zeros())));
    }

    @Test
    void explicit_starting_weights_of_the_wrong_shape_or_not_finite_name_init() {
        Parameters wrongShape = Parameters.zeros(2, 2);
        assertField("init", () -> new TrainingRun(Fixtures.run("blobs", 20, 2, Parameterization.SIGMOID,
                FeatureMap.LINEAR, Optimizer.BATCH, 1, 0.1, 0, 0, 1, new Init.Explicit(wrongShape))));
        Parameters notFinite = Parameters.of(1, 2, new double[] {Double.NaN, 0}, new double[] {0});
        assertField("init", () -> new TrainingRun(Fixtures.run("blobs", 20, 2, Parameterization.SIGMOID,
                FeatureMap.LINEAR, Optimizer.BATCH, 1, 0.1, 0, 0, 1, new Init.Explicit(notFinite))));
        Parameters overflowing = Parameters.of(1, 2, new double[] {1e300, 1e300}, new double[] {0});
        assertField("init", () -> new TrainingRun(Fixtures.run("blobs", 20, 2, Parameterization.SIGMOID,
                FeatureMap.LINEAR, Optimizer.BATCH, 1, 0.1, 1, 0, 1, new Init.Explicit(overflowing))));
    }

    @Test
    void explicit_starting_weights_are_where_the_run_starts() {
        Parameters start = Parameters.ofRows(new double[][] {{0.5, -0.25}, {1, 2}, {0, -3}}, new double[] {1, 0, -1});
        TrainingRun run = new TrainingRun(Fixtures.run("spiral", 30, 3, Parameterization.SOFTMAX, FeatureMap.LINEAR,
                Optimizer.BATCH, 1, 0.1, 0, 0, 1, new Init.Explicit(start)));
        assertEquals(start, run.snapshot().parameters());
    }

    @Test
    void random_starting_weights_are_small_and_biases_start_at_zero() {
        Parameters start = new TrainingRun(Fixtures.run("blobs", 30, 5, Parameterization.SOFTMAX,
                Fixtures.features(Feature.values()), Optimizer.BATCH, 1, 0.1, 0, 0, 1, new Init.Random()))
                .snapshot().parameters();
        for (double w : start.flatWeights()) {
            assertTrue(w >= -0.1 && w < 0.1, String.valueOf(w));
        }
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), Arrays.stream(start.biasArray()).boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 0.95, Double.NaN})
    void a_test_fraction_outside_zero_to_nine_tenths_names_test_fraction(double testFraction) {
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> new TrainingRun(Fixtures.run(
                "blobs", 20, 2, Parameterization.SIGMOID, FeatureMap.LINEAR, Optimizer.BATCH, 1, 0.1, 0,
                testFraction, 1, new Init.Zeros())));
        assertEquals("testFraction", e.field());
    }

    @Test
    void a_run_keeps_at_least_one_training_example_even_from_one_point() {
        TrainingRun run = new TrainingRun(Fixtures.run("blobs", 1, 2, Parameterization.SIGMOID, FeatureMap.LINEAR,
                Optimizer.SGD, 1, 0.1, 0, 0.9, 1, new Init.Zeros()));
        assertEquals(1, run.objective().train().size());
        assertEquals(0, run.objective().test().size());
        assertEquals(RunStatus.OK, run.goTo(5).status());
    }

    private static void assertField(String field, Executable action) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, action);
        assertEquals(field, e.field());
        assertFalse(e.getMessage().isBlank());
    }
}
