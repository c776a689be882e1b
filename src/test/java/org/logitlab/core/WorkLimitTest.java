package org.logitlab.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's last step: where replaying it from its permalink would cost more than {@link StepBudget#MAX_WORK}. */
class WorkLimitTest {
    static final FeatureMap ALL = new FeatureMap(List.of(Feature.values()));

    @ParameterizedTest(name = "{0}, batch {1}: ({2} + {3}) points × ({4} rows + 2) × ({5} features + 10)")
    @CsvSource({
        "BATCH, 32, 60, 0, 3, 3",
        "SGD, 32, 60, 1, 3, 3",
        "MINIBATCH, 8, 60, 8, 3, 3"})
    void one_step_costs_every_point_once_plus_the_examples_of_its_gradient(Optimizer optimizer, int batch, int n,
                                                                          int examples, int rows, int features) {
        RunConfig config = Fixtures.run("blobs", n, rows, Parameterization.SOFTMAX,
                Fixtures.features(Feature.X1, Feature.X2, Feature.X1_TIMES_X2), optimizer, batch, 0.05, 0, 0.25, 1,
                new Init.Zeros());
        TrainingRun run = new TrainingRun(config);
        assertEquals((long) (n + examples) * (rows + 2) * (features + 10), run.workPerStep());
    }

    @Test
    void the_largest_run_stops_where_its_work_reaches_the_limit_and_a_small_one_at_max_step() {
        TrainingRun largest = new TrainingRun(Fixtures.run("blobs", 5000, 8, Parameterization.SOFTMAX, ALL,
                Optimizer.BATCH, 32, 0.01, 0, 0.2, 1, new Init.Zeros()));
        assertEquals(5000L * 10 * 17, largest.workPerStep());
        assertEquals(StepBudget.MAX_WORK / (5000L * 10 * 17), largest.maxStep());
        TrainingRun small = new TrainingRun(Fixtures.smallRun(Optimizer.BATCH));
        assertEquals(TrainingRun.MAX_STEP, small.maxStep());
    }

    @Test
    void going_past_the_last_step_is_refused_before_any_work_is_done() {
        TrainingRun run = new TrainingRun(Fixtures.run("blobs", 5000, 8, Parameterization.SOFTMAX, ALL,
                Optimizer.BATCH, 32, 0.01, 0, 0.2, 1, new Init.Zeros()));
        StepLimitException e = assertThrows(StepLimitException.class, () -> run.goTo(run.maxStep() + 1));
        assertEquals(run.maxStep(), e.maxStep());
        assertTrue(e.getMessage().contains("at most " + run.maxStep()), e.getMessage());
        assertEquals(0, run.snapshot().step(), "nothing was computed");
    }

    @Test
    void stepping_stops_at_the_last_step_and_then_says_why() {
        RunConfig config = Fixtures.smallRun(Optimizer.BATCH);
        long perStep = new TrainingRun(config).workPerStep();
        TrainingRun run = new TrainingRun(config, 10 * perStep);
        assertEquals(10, run.maxStep());
        assertEquals(10, run.step(25).step(), "a request for more steps stops at the last one");
        StepLimitException e = assertThrows(StepLimitException.class, () -> run.step(1));
        assertEquals(10, e.maxStep());
        assertTrue(e.getMessage().contains("step 10"), e.getMessage());
        assertEquals(4, run.goTo(4).step(), "going back still works");
        assertEquals(10, run.goTo(10).step(), "and forward again to the last step");
    }
}
