package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run is a pure function of its configuration: moving to step t by any route (goTo, stepping one at a time,
 * going back and forward again, reset) lands on the same bits.
 */
class ReplayTest {
    /** Past two checkpoints, so that replay starts from one that is not step 0. */
    private static final int FAR = 2 * TrainingRun.CHECKPOINT_INTERVAL + 22;

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void going_to_a_step_equals_stepping_one_at_a_time(Optimizer optimizer) {
        RunConfig config = Fixtures.smallRun(optimizer);
        TrainingRun stepped = new TrainingRun(config);
        for (int t = 0; t < FAR; t++) {
            stepped.step(1);
        }

        RunSnapshot jumped = new TrainingRun(config).goTo(FAR);

        assertEquals(RunStatus.OK, jumped.status());
        assertEquals(FAR, jumped.step());
        assertEquals(stepped.snapshot().parameters(), jumped.parameters());
        assertEquals(stepped.snapshot(), jumped);
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void stepping_many_at_once_equals_stepping_one_at_a_time(Optimizer optimizer) {
        RunConfig config = Fixtures.smallRun(optimizer);
        TrainingRun stepped = new TrainingRun(config);
        for (int t = 0; t < 75; t++) {
            stepped.step(1);
        }

        TrainingRun batched = new TrainingRun(config);
        batched.step(30);
        batched.step(45);

        assertEquals(stepped.snapshot(), batched.snapshot());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void going_back_and_forward_again_lands_on_the_same_bits(Optimizer optimizer) {
        RunConfig config = Fixtures.smallRun(optimizer);
        TrainingRun run = new TrainingRun(config);
        RunSnapshot far = run.goTo(FAR);

        for (long back : new long[] {TrainingRun.CHECKPOINT_INTERVAL + 1, TrainingRun.CHECKPOINT_INTERVAL,
                TrainingRun.CHECKPOINT_INTERVAL - 1, 37, 1}) {
            RunSnapshot there = run.goTo(back);
            assertEquals(new TrainingRun(config).goTo(back), there, "back to step " + back);
            assertHistoriesEqual(back, freshHistory(config, back), run.history());
            assertEquals(far, run.goTo(FAR), "forward again from step " + back);
        }
        assertHistoriesEqual(FAR, freshHistory(config, FAR), run.history());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void reset_returns_to_the_starting_parameters(Optimizer optimizer) {
        RunConfig config = Fixtures.smallRun(optimizer);
        TrainingRun run = new TrainingRun(config);
        RunSnapshot start = run.snapshot();
        run.goTo(FAR);

        RunSnapshot reset = run.reset();

        assertEquals(0, reset.step());
        assertEquals(start.parameters(), reset.parameters());
        assertEquals(start, reset);
        assertNull(reset.previous());
        assertNull(reset.previousObjective());
        assertEquals(1, run.history().length());
        assertEquals(run.snapshot(), new TrainingRun(config).snapshot());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void two_runs_from_the_same_configuration_are_identical(Optimizer optimizer) {
        RunConfig config = Fixtures.smallRun(optimizer);
        TrainingRun a = new TrainingRun(config);
        TrainingRun b = new TrainingRun(config);

        assertEquals(a.snapshot(), b.snapshot());
        assertEquals(a.goTo(90), b.goTo(90));
        assertHistoriesEqual(90, a.history(), b.history());
        for (int i = 0; i < a.dataset().size(); i++) {
            assertEquals(a.isTest(i), b.isTest(i), "split of point " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Optimizer.class, names = {"SGD", "MINIBATCH"})
    void different_seeds_visit_the_examples_in_different_orders(Optimizer optimizer) {
        // Zeros and no test split: the seed can only reach the run through the epoch shuffle.
        RunConfig one = Fixtures.run("blobs", 40, 2, Parameterization.SIGMOID, FeatureMap.LINEAR, optimizer, 4,
                0.1, 0.0, 0.0, 1, new Init.Zeros());
        RunConfig other = Fixtures.run("blobs", 40, 2, Parameterization.SIGMOID, FeatureMap.LINEAR, optimizer, 4,
                0.1, 0.0, 0.0, 2, new Init.Zeros());

        RunSnapshot startOne = new TrainingRun(one).snapshot();
        RunSnapshot startOther = new TrainingRun(other).snapshot();
        assertEquals(startOne.parameters(), startOther.parameters());
        assertEquals(startOne.evaluation(), startOther.evaluation());
        assertNotEquals(new TrainingRun(one).goTo(10).parameters(), new TrainingRun(other).goTo(10).parameters());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void each_step_records_its_evaluation_and_remembers_the_step_before(Optimizer optimizer) {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(optimizer));
        RunSnapshot before = run.goTo(5);

        RunSnapshot after = run.step(1);

        assertEquals(6, after.step());
        assertEquals(before.parameters(), after.previous());
        assertEquals(before.evaluation().objective(), after.previousObjective());
        History.Row row = run.history().row(6);
        assertEquals(after.evaluation().trainLoss(), row.trainLoss());
        assertEquals(after.evaluation().objective(), row.objective());
        assertEquals(after.evaluation().testLoss(), row.testLoss());
        assertEquals(after.evaluation().gradientNorm(), row.gradientNorm());
        assertEquals(7, run.history().length());
    }

    @Test
    void a_negative_step_is_refused() {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(Optimizer.BATCH));
        assertThrows(IllegalArgumentException.class, () -> run.goTo(-1));
        assertEquals(0, run.snapshot().step());
    }

    private static History freshHistory(RunConfig config, long step) {
        TrainingRun run = new TrainingRun(config);
        run.goTo(step);
        return run.history();
    }

    private static void assertHistoriesEqual(long step, History expected, History actual) {
        assertEquals(step + 1, expected.length());
        assertEquals(expected.length(), actual.length());
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.row(i), actual.row(i), "history row " + i);
        }
    }
}
