package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** sgd and minibatch walk a fresh permutation of the training set each epoch, batch after batch. */
class EpochShuffleTest {

    @Property(tries = 300)
    void each_epoch_visits_every_training_example_exactly_once(
            @ForAll @IntRange(min = 1, max = 300) int size, @ForAll @IntRange(min = 1, max = 400) int batchSize,
            @ForAll @IntRange(min = 0, max = 1000) int epoch, @ForAll long seed) {
        int perStep = Optimizer.MINIBATCH.examplesPerStep(size, batchSize);
        EpochShuffle shuffle = new EpochShuffle(seed, size, perStep);
        int batches = (size + perStep - 1) / perStep;

        int[] visits = new int[size];
        long first = (long) epoch * batches;
        for (long step = first; step < first + batches; step++) {
            int[] order = shuffle.orderFor(step);
            for (int t = shuffle.batchStart(step); t < shuffle.batchEnd(step); t++) {
                visits[order[t]]++;
            }
        }

        int[] once = new int[size];
        Arrays.fill(once, 1);
        assertArrayEquals(once, visits);
    }

    @Property(tries = 300)
    void batches_tile_the_epoch_in_order_with_only_the_last_one_short(
            @ForAll @IntRange(min = 1, max = 300) int size, @ForAll @IntRange(min = 1, max = 400) int batchSize,
            @ForAll @IntRange(min = 0, max = 1000) int epoch) {
        int perStep = Optimizer.MINIBATCH.examplesPerStep(size, batchSize);
        EpochShuffle shuffle = new EpochShuffle(1, size, perStep);
        int batches = (size + perStep - 1) / perStep;
        long first = (long) epoch * batches;

        assertEquals(0, shuffle.batchStart(first));
        for (long step = first; step < first + batches; step++) {
            int length = shuffle.batchEnd(step) - shuffle.batchStart(step);
            if (step < first + batches - 1) {
                assertEquals(perStep, length, "batch at step " + step);
                assertEquals(shuffle.batchEnd(step), shuffle.batchStart(step + 1));
            } else {
                assertEquals(size, shuffle.batchEnd(step));
                assertEquals(size - (batches - 1) * perStep, length, "the last batch holds the remainder");
            }
        }
    }

    @Test
    void sgd_takes_one_example_per_step_and_batch_size_is_capped_at_the_training_set() {
        assertEquals(1, Optimizer.SGD.examplesPerStep(40, 8));
        assertEquals(8, Optimizer.MINIBATCH.examplesPerStep(40, 8));
        assertEquals(40, Optimizer.MINIBATCH.examplesPerStep(40, 5000));
        assertEquals(40, Optimizer.BATCH.examplesPerStep(40, 8));
    }

    @Test
    void any_steps_order_is_the_same_whatever_was_asked_before() {
        EpochShuffle walked = new EpochShuffle(42, 37, 5);
        List<int[]> sequential = new ArrayList<>();
        for (long step = 0; step < 80; step++) {
            sequential.add(walked.orderFor(step).clone());
        }

        EpochShuffle jumping = new EpochShuffle(42, 37, 5);
        for (long step = 79; step >= 0; step -= 3) {
            assertArrayEquals(sequential.get((int) step), jumping.orderFor(step), "step " + step);
        }
    }

    @Test
    void each_epoch_draws_a_new_permutation() {
        EpochShuffle shuffle = new EpochShuffle(7, 20, 4);
        Set<List<Integer>> orders = new HashSet<>();
        for (int epoch = 0; epoch < 10; epoch++) {
            orders.add(Arrays.stream(shuffle.orderFor(epoch * 5L)).boxed().toList());
        }
        assertEquals(10, orders.size());
    }

    @Test
    void different_seeds_give_different_orders() {
        assertFalse(Arrays.equals(new EpochShuffle(1, 20, 1).orderFor(0), new EpochShuffle(2, 20, 1).orderFor(0)));
    }

    /**
     * End to end through a run: each sgd step is θ − η·(∇loss_n + λw) for exactly one training example n, and
     * over each epoch n runs through the whole training set once.
     */
    @Test
    void sgd_run_uses_each_training_example_once_per_epoch() {
        double learningRate = 0.1;
        double l2 = 0.01;
        TrainingRun run = new TrainingRun(Fixtures.run("blobs", 30, 2, Parameterization.SIGMOID, FeatureMap.LINEAR,
                Optimizer.SGD, 8, learningRate, l2, 0.2, 13, new Init.Random()));
        Objective objective = run.objective();
        int size = objective.train().size();
        LogisticModel.Workspace ws = objective.model().workspace();

        for (int epoch = 0; epoch < 3; epoch++) {
            int[] visits = new int[size];
            for (int t = 0; t < size; t++) {
                Parameters theta = run.snapshot().parameters();
                Parameters next = run.step(1).parameters();
                int matches = 0;
                for (int n = 0; n < size; n++) {
                    Parameters g = objective.batchGradient(theta, l2, null, n, n + 1, ws);
                    if (descend(theta, g, learningRate).equals(next)) {
                        visits[n]++;
                        matches++;
                    }
                }
                assertEquals(1, matches, "step " + run.snapshot().step() + " should come from one example");
            }
            int[] once = new int[size];
            Arrays.fill(once, 1);
            assertArrayEquals(once, visits, "epoch " + epoch);
        }
    }

    private static Parameters descend(Parameters theta, Parameters g, double learningRate) {
        double[] w = theta.flatWeights();
        double[] b = theta.biasArray();
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * g.weight(i / theta.dimension(), i % theta.dimension());
        }
        for (int r = 0; r < b.length; r++) {
            b[r] -= learningRate * g.bias(r);
        }
        return Parameters.of(theta.rows(), theta.dimension(), w, b);
    }
}
