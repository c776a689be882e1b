package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Changing η and λ mid-run keeps the weights, and the run's own configuration replays the change exactly. */
class HyperparameterChangeTest {
    private static final Hyperparameters NEW = new Hyperparameters(0.3, 0.05);

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void changing_hyperparameters_keeps_the_weights_and_the_step(Optimizer optimizer) {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(optimizer));
        RunSnapshot before = run.goTo(40);

        RunSnapshot after = run.changeHyperparameters(NEW);

        assertEquals(40, after.step());
        assertEquals(before.parameters(), after.parameters());
        assertEquals(NEW, after.hyperparameters());
        assertEquals(before.previous(), after.previous());
        assertEquals(before.evaluation().trainLoss(), after.evaluation().trainLoss());
        assertNotEquals(before.evaluation().objective(), after.evaluation().objective(), "λ changed, so J did");
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void a_run_built_from_the_changed_configuration_reproduces_the_run_bit_for_bit(Optimizer optimizer) {
        for (long changeAt : new long[] {0, 40, TrainingRun.CHECKPOINT_INTERVAL}) {
            TrainingRun run = new TrainingRun(Fixtures.smallRun(optimizer));
            run.goTo(changeAt);
            run.changeHyperparameters(NEW);
            RunSnapshot later = run.step(90);

            TrainingRun replay = new TrainingRun(run.config());

            assertEquals(later, replay.goTo(later.step()), "changed at step " + changeAt);
            assertEquals(later.parameters(), replay.snapshot().parameters());
            assertEquals(run.history().length(), replay.history().length());
            for (int i = 0; i < run.history().length(); i++) {
                assertEquals(run.history().row(i), replay.history().row(i), "history row " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void going_back_before_a_change_and_forward_again_replays_the_change(Optimizer optimizer) {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(optimizer));
        run.goTo(70);
        run.changeHyperparameters(NEW);
        RunSnapshot later = run.step(80);

        run.goTo(10);
        RunSnapshot again = run.goTo(later.step());

        assertEquals(later, again);
        assertEquals(NEW, again.hyperparameters());
        assertEquals(new Hyperparameters(0.05, 0.01), run.goTo(69).hyperparameters());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void changing_hyperparameters_after_going_back_forgets_the_old_future(Optimizer optimizer) {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(optimizer));
        RunSnapshot oldFuture = run.goTo(150);
        run.goTo(50);

        run.changeHyperparameters(NEW);

        assertEquals(51, run.history().length());
        RunSnapshot newFuture = run.goTo(150);
        assertNotEquals(oldFuture.parameters(), newFuture.parameters());
        assertEquals(newFuture, new TrainingRun(run.config()).goTo(150));
    }

    @Test
    void the_configuration_records_from_which_step_each_pair_applies() {
        TrainingRun run = new TrainingRun(Fixtures.smallRun(Optimizer.BATCH));
        Hyperparameters initial = run.config().hyperparametersAt(0);
        run.goTo(20);
        run.changeHyperparameters(NEW);
        run.goTo(30);
        run.changeHyperparameters(NEW);

        assertEquals(new TreeMap<>(Map.of(0L, initial, 20L, NEW)), run.config().schedule(),
                "re-applying the pair in force adds nothing");
        assertEquals(initial, run.config().hyperparametersAt(19));
        assertEquals(NEW, run.config().hyperparametersAt(20));
        assertEquals(NEW, run.config().hyperparametersAt(1_000_000));
    }

    @Test
    void lowering_the_learning_rate_after_divergence_lets_the_run_continue() {
        RunConfig exploding = Fixtures.run("blobs", 50, 2, Parameterization.SIGMOID, FeatureMap.LINEAR,
                Optimizer.BATCH, 8, 100, 10, 0.2, 3, new Init.Random());
        TrainingRun run = new TrainingRun(exploding);
        RunSnapshot diverged = run.goTo(10_000);
        assertEquals(RunStatus.DIVERGED, diverged.status());

        RunSnapshot calm = run.changeHyperparameters(new Hyperparameters(1e-6, 0));

        assertEquals(RunStatus.OK, calm.status());
        assertEquals(diverged.parameters(), calm.parameters());
        RunSnapshot next = run.step(5);
        assertEquals(RunStatus.OK, next.status());
        assertEquals(diverged.step() + 5, next.step());
        assertEquals(next, new TrainingRun(run.config()).goTo(next.step()));
    }
}
