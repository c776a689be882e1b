package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With η = 100 and λ = 10 each update multiplies the weights by about 1 − ηλ = −999, so the run must leave the
 * finite numbers within a few dozen steps; it has to stop at its last finite state and say so.
 */
class DivergenceTest {
    private static final long FAR = 10_000;

    static Stream<Arguments> explodingRuns() {
        FeatureMap quadratic = Fixtures.features(Feature.X1, Feature.X2, Feature.X1_SQUARED, Feature.X2_SQUARED,
                Feature.X1_TIMES_X2);
        return Stream.of(
                Arguments.of("sigmoid batch on blobs", Fixtures.run("blobs", 50, 2, Parameterization.SIGMOID,
                        FeatureMap.LINEAR, Optimizer.BATCH, 8, 100, 10, 0.2, 3, new Init.Random())),
                Arguments.of("softmax sgd on spiral", Fixtures.run("spiral", 50, 4, Parameterization.SOFTMAX,
                        FeatureMap.LINEAR, Optimizer.SGD, 8, 100, 10, 0.2, 3, new Init.Random())),
                Arguments.of("sigmoid minibatch on xor with squares", Fixtures.run("xor", 50, 2,
                        Parameterization.SIGMOID, quadratic, Optimizer.MINIBATCH, 8, 100, 10, 0.2, 3,
                        new Init.Random())),
                Arguments.of("softmax batch on xor with squares, mild λ", Fixtures.run("xor", 50, 2,
                        Parameterization.SOFTMAX, quadratic, Optimizer.BATCH, 8, 100, 0.1, 0.0, 3,
                        new Init.Random())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explodingRuns")
    void a_huge_step_ends_diverged_at_a_finite_state(String name, RunConfig config) {
        TrainingRun run = new TrainingRun(config);

        RunSnapshot end = run.goTo(FAR);

        assertEquals(RunStatus.DIVERGED, end.status());
        assertTrue(end.step() > 0 && end.step() < FAR, "stopped at step " + end.step());
        assertAllFinite(end);
        History history = run.history();
        assertEquals(end.step() + 1, history.length());
        for (int i = 0; i < history.length(); i++) {
            History.Row row = history.row(i);
            assertTrue(Double.isFinite(row.trainLoss()) && Double.isFinite(row.objective())
                    && Double.isFinite(row.gradientNorm()), "history row " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explodingRuns")
    void stepping_a_diverged_run_throws_and_leaves_it_where_it_was(String name, RunConfig config) {
        TrainingRun run = new TrainingRun(config);
        RunSnapshot end = run.goTo(FAR);

        DivergedException e = assertThrows(DivergedException.class, () -> run.step(1));

        assertTrue(e.getMessage().contains(String.valueOf(end.step())), e.getMessage());
        assertEquals(end, run.snapshot());
        assertEquals(end, run.goTo(FAR), "going further stays put");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explodingRuns")
    void stepping_up_to_divergence_equals_jumping_there(String name, RunConfig config) {
        RunSnapshot jumped = new TrainingRun(config).goTo(FAR);
        TrainingRun stepped = new TrainingRun(config);
        while (stepped.snapshot().status() == RunStatus.OK) {
            stepped.step(1);
        }

        assertEquals(jumped, stepped.snapshot());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explodingRuns")
    void going_back_from_a_diverged_run_clears_the_status_and_replays_the_same_bits(String name, RunConfig config) {
        TrainingRun run = new TrainingRun(config);
        RunSnapshot end = run.goTo(FAR);

        RunSnapshot back = run.goTo(end.step() - 1);

        assertEquals(RunStatus.OK, back.status());
        assertEquals(new TrainingRun(config).goTo(end.step() - 1), back);
        assertEquals(RunStatus.OK, run.reset().status());
        assertEquals(end, run.goTo(FAR));
    }

    private static void assertAllFinite(RunSnapshot s) {
        assertTrue(s.parameters().isFinite(), "parameters");
        assertTrue(s.evaluation().isFinite(), "evaluation");
        assertTrue(Double.isFinite(s.evaluation().trainAccuracy()), "train accuracy");
        if (s.evaluation().testLoss() != null) {
            assertTrue(Double.isFinite(s.evaluation().testAccuracy()), "test accuracy");
        }
        assertNotNull(s.previous());
        assertTrue(s.previous().isFinite(), "previous parameters");
        assertTrue(Double.isFinite(s.previousObjective()), "previous objective");
    }
}
