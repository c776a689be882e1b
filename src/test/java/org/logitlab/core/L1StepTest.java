package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.data.DatasetSpec;

/**
 * The proximal step w ← S(w − η·g, η·λ₁) for every optimizer: weights land on exactly 0.0 and stay there while the
 * data pull less than λ₁, biases take the plain step, the written-out update is the step taken, and runs with L1
 * replay bit for bit, schedule changes of λ₁ included.
 */
class L1StepTest {
    private static final FeatureMap ALL = new FeatureMap(List.of(Feature.values()));
    private static final double ETA = 0.05;
    private static final double L2 = 0.01;
    private static final double L1 = 0.03;

    /** Three blobs, all seven features (most of them of little use), random θ₀ and a test split. */
    static RunConfig run(Optimizer optimizer, double l1) {
        return RunConfig.of(DatasetSpec.named("blobs", 60, 0.3, 7), 3, Parameterization.SOFTMAX, ALL, optimizer, 8,
                new Hyperparameters(ETA, L2, l1), 0.25, 11, new Init.Random());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void each_optimizer_soft_thresholds_the_plain_step_of_its_own_examples(Optimizer optimizer) {
        Hyperparameters plain = new Hyperparameters(ETA, L2);
        Hyperparameters proximal = new Hyperparameters(ETA, L2, L1);
        int zeroedByTheThreshold = 0;
        for (long t : new long[] {0, 1, 37, TrainingRun.CHECKPOINT_INTERVAL + 5}) {
            TrainingRun run = new TrainingRun(run(optimizer, L1));
            Parameters before = run.goTo(t).parameters();
            run.changeHyperparameters(plain);
            Parameters plainStep = run.step(1).parameters();
            run.goTo(t);
            run.changeHyperparameters(proximal);
            RunSnapshot after = run.step(1);

            assertEquals(new TrainingRun(run(optimizer, L1)).goTo(t + 1), after, "the same step as an L1 run's");
            assertEquals(before, after.previous());
            for (int r = 0; r < before.rows(); r++) {
                for (int i = 0; i < before.dimension(); i++) {
                    double expected = Numerics.softThreshold(plainStep.weight(r, i), ETA * L1);
                    assertEquals(expected, after.parameters().weight(r, i), "step " + t + ", weight " + r + "," + i);
                    if (expected == 0.0 && plainStep.weight(r, i) != 0.0) {
                        zeroedByTheThreshold++;
                    }
                }
                assertEquals(plainStep.bias(r), after.parameters().bias(r), "biases take the plain step");
            }
        }
        assertTrue(zeroedByTheThreshold > 0, "some weight should have been set to 0 by the threshold");
    }

    @Test
    void weights_reach_exactly_zero_and_stay_there_while_the_data_pull_less_than_l1() {
        TrainingRun run = new TrainingRun(run(Optimizer.BATCH, L1));
        Parameters settled = run.goTo(400).parameters();
        List<int[]> zeros = new ArrayList<>();
        for (int r = 0; r < settled.rows(); r++) {
            for (int i = 0; i < settled.dimension(); i++) {
                if (settled.weight(r, i) == 0.0) {
                    zeros.add(new int[] {r, i});
                }
            }
        }
        assertTrue(!zeros.isEmpty() && zeros.size() < settled.rows() * settled.dimension(),
                "some but not all weights are 0 at step 400: " + settled);

        for (int t = 0; t < 200; t++) {
            RunSnapshot s = run.snapshot();
            RunSnapshot next = run.step(1);
            for (int[] z : zeros) {
                assertTrue(Math.abs(s.evaluation().gradient().weight(z[0], z[1])) <= L1, "the data pull less than λ₁");
                assertEquals(0.0, next.parameters().weight(z[0], z[1]), "step " + next.step());
            }
        }
    }

    @Test
    void a_zero_weight_leaves_zero_once_l1_is_lowered_below_the_pull_of_the_data() {
        TrainingRun run = new TrainingRun(run(Optimizer.BATCH, 0.2));
        RunSnapshot sparse = run.goTo(300);
        int[] zero = null;
        for (int r = 0; r < 3 && zero == null; r++) {
            for (int i = 0; i < ALL.size(); i++) {
                double g = sparse.evaluation().gradient().weight(r, i);
                if (sparse.parameters().weight(r, i) == 0.0 && Math.abs(g) > 1e-3) {
                    zero = new int[] {r, i};
                    break;
                }
            }
        }
        assertTrue(zero != null, "a weight held at 0 against a non-zero gradient: " + sparse.parameters());

        run.changeHyperparameters(new Hyperparameters(ETA, L2, 0.0));
        RunSnapshot freed = run.step(1);

        double g = sparse.evaluation().gradient().weight(zero[0], zero[1]);
        assertEquals(-ETA * g, freed.parameters().weight(zero[0], zero[1]), "the plain step from 0");
    }

    @Test
    void the_written_out_update_is_the_step_batch_gradient_descent_takes() {
        TrainingRun run = new TrainingRun(run(Optimizer.BATCH, L1));
        for (long t : new long[] {0, 3, 120}) {
            RunSnapshot s = run.goTo(t);
            Parameters next = new TrainingRun(run(Optimizer.BATCH, L1)).goTo(t + 1).parameters();
            for (int r = 0; r < s.parameters().rows(); r++) {
                for (int i = 0; i <= s.parameters().dimension(); i++) {
                    ProximalUpdate u = WeightAnalysis.of(run.objective(), s.parameters(), L2, r, i)
                            .nextStep(ETA, L1);
                    assertEquals(u, ProximalUpdate.of(s.parameters(), s.evaluation().gradient(),
                            s.hyperparameters(), r, i));
                    assertEquals(next.get(r, i), u.next(), "step " + t + ", parameter " + r + "," + i);
                    assertEquals(s.parameters().get(r, i) - ETA * u.gradient(), u.unshrunk());
                    boolean bias = i == s.parameters().dimension();
                    assertEquals(bias ? 0.0 : ETA * L1, u.threshold());
                    assertEquals(u.unshrunk() - u.next(), u.shrinkage());
                    assertEquals(u.next() == 0.0, u.endsAtZero());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void replay_equals_stepping_with_l1_changed_mid_run(Optimizer optimizer) {
        TrainingRun stepped = new TrainingRun(run(optimizer, L1));
        for (int t = 0; t < 150; t++) {
            if (t == 40) {
                stepped.changeHyperparameters(new Hyperparameters(ETA, L2, 0.1));
            } else if (t == 100) {
                stepped.changeHyperparameters(new Hyperparameters(ETA, L2));
            }
            stepped.step(1);
        }
        RunConfig config = stepped.config();
        assertEquals(3, config.schedule().size(), "λ₁ changes are schedule entries of their own");
        assertEquals(0.1, config.hyperparametersAt(99).l1());

        TrainingRun replayed = new TrainingRun(config);
        assertEquals(stepped.snapshot(), replayed.goTo(150));
        assertEquals(new TrainingRun(config).goTo(70), replayed.goTo(70), "back across a checkpoint");
        assertEquals(stepped.snapshot(), replayed.goTo(150), "and forward again");
        for (int i = 0; i <= 150; i++) {
            assertEquals(stepped.history().row(i), replayed.history().row(i), "history row " + i);
        }
        assertNotEquals(new TrainingRun(run(optimizer, L1)).goTo(150).parameters(), replayed.snapshot().parameters());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void a_huge_step_with_l1_still_ends_diverged_at_a_finite_state(Optimizer optimizer) {
        RunConfig exploding = RunConfig.of(DatasetSpec.named("blobs", 50, 0.2, 3), 2, Parameterization.SIGMOID,
                FeatureMap.LINEAR, optimizer, 8, new Hyperparameters(100, 10, 0.5), 0.2, 3, new Init.Random());
        TrainingRun run = new TrainingRun(exploding);

        RunSnapshot end = run.goTo(10_000);

        assertEquals(RunStatus.DIVERGED, end.status());
        assertTrue(end.step() > 0 && end.step() < 10_000);
        assertTrue(end.parameters().isFinite() && end.evaluation().isFinite());
        for (int i = 0; i < run.history().length(); i++) {
            History.Row row = run.history().row(i);
            assertTrue(Double.isFinite(row.objective()) && Double.isFinite(row.gradientNorm()), "row " + i);
        }
    }
}
