package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.data.DatasetSpec;

/** What one update is, and that small batch steps descend. */
class GradientDescentTest {
    private static final int STEPS = 300;

    static Stream<Arguments> separableBlobs() {
        return Stream.of(
                Arguments.of(Parameterization.SIGMOID, 2),
                Arguments.of(Parameterization.SOFTMAX, 2),
                Arguments.of(Parameterization.SOFTMAX, 3),
                Arguments.of(Parameterization.SOFTMAX, 5));
    }

    /**
     * Blobs without noise are linearly separable; with η well below 2/L (L ≤ ‖φ̃‖²/2 ≈ 37 on [−6, 6]² with a
     * bias) batch GD must lower J at every step and classify every training point.
     */
    @ParameterizedTest(name = "{0} K={1}")
    @MethodSource("separableBlobs")
    void loss_falls_at_every_step_on_separable_blobs_with_a_small_step(Parameterization parameterization,
                                                                    int classes) {
        RunConfig config = RunConfig.of(DatasetSpec.named("blobs", 80, 0.0, 4), classes,
                parameterization, FeatureMap.LINEAR, Optimizer.BATCH, 1, new Hyperparameters(0.02, 0.0), 0.0, 9,
                new Init.Zeros());
        TrainingRun run = new TrainingRun(config);

        run.goTo(STEPS);

        History history = run.history();
        assertEquals(STEPS + 1, history.length());
        for (int t = 1; t <= STEPS; t++) {
            assertTrue(history.row(t).objective() < history.row(t - 1).objective(),
                    "J rose at step " + t + ": " + history.row(t - 1).objective() + " → " + history.row(t).objective());
        }
        assertEquals(Math.log(classes), history.row(0).trainLoss(), 1e-12, "θ₀ = 0 gives log K");
        assertTrue(history.row(STEPS).trainLoss() < 0.25 * history.row(0).trainLoss(),
                "loss " + history.row(STEPS).trainLoss());
        assertEquals(1.0, history.row(STEPS).trainAccuracy());
    }

    @Test
    void one_batch_step_subtracts_the_learning_rate_times_the_gradient() {
        double learningRate = 0.07;
        RunConfig config = Fixtures.run("moons", 40, 2, Parameterization.SIGMOID,
                Fixtures.features(Feature.X1, Feature.X2, Feature.SIN_X1), Optimizer.BATCH, 1, learningRate, 0.2,
                0.25, 5, new Init.Random());
        TrainingRun run = new TrainingRun(config);
        RunSnapshot start = run.snapshot();

        RunSnapshot next = run.step(1);

        Parameters theta = start.parameters();
        Parameters g = start.evaluation().gradient();
        for (int i = 0; i <= theta.dimension(); i++) {
            assertEquals(theta.get(0, i) - learningRate * g.get(0, i), next.parameters().get(0, i), "parameter " + i);
        }
        Evaluation expected = run.objective().evaluate(next.parameters(), 0.2, run.objective().model().workspace());
        assertEquals(expected, next.evaluation());
    }

    @Test
    void minibatch_with_the_whole_training_set_per_step_follows_batch_descent() {
        RunConfig batch = Fixtures.run("circles", 60, 3, Parameterization.SOFTMAX,
                Fixtures.features(Feature.X1_SQUARED, Feature.X2_SQUARED), Optimizer.BATCH, 1, 0.01, 0.01, 0.2, 8,
                new Init.Random());
        RunConfig minibatch = Fixtures.run("circles", 60, 3, Parameterization.SOFTMAX,
                Fixtures.features(Feature.X1_SQUARED, Feature.X2_SQUARED), Optimizer.MINIBATCH, 5000, 0.01, 0.01, 0.2,
                8, new Init.Random());

        Parameters a = new TrainingRun(batch).goTo(50).parameters();
        Parameters b = new TrainingRun(minibatch).goTo(50).parameters();

        // Only the order of summation differs: a shuffled epoch instead of the training set in order.
        for (int r = 0; r < a.rows(); r++) {
            for (int i = 0; i <= a.dimension(); i++) {
                assertEquals(a.get(r, i), b.get(r, i), 1e-9 * Math.max(1, Math.abs(a.get(r, i))));
            }
        }
    }
}
