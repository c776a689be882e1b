package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The path of two parameters, replayed from the configuration, is what the live run held at every step. */
class PairPathTest {
    /** Past two checkpoints, so that the steps between checkpoints are covered as well as the checkpoints. */
    private static final int FAR = 2 * TrainingRun.CHECKPOINT_INTERVAL + 9;
    private static final ParameterIndex WEIGHT = new ParameterIndex(1, 2);
    private static final ParameterIndex BIAS = new ParameterIndex(2, 3);

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void the_replayed_path_equals_the_live_runs_weights_at_every_step_bit_for_bit(Optimizer optimizer) {
        TrainingRun live = new TrainingRun(Fixtures.smallRun(optimizer));
        live.goTo(70);
        live.changeHyperparameters(new Hyperparameters(0.2, 0.03));
        double[] a = new double[FAR + 1];
        double[] b = new double[FAR + 1];
        a[0] = WEIGHT.valueIn(live.goTo(0).parameters());
        b[0] = BIAS.valueIn(live.snapshot().parameters());
        for (int t = 1; t <= FAR; t++) {
            Parameters theta = live.step(1).parameters();
            a[t] = WEIGHT.valueIn(theta);
            b[t] = BIAS.valueIn(theta);
        }

        PairPath path = PairPath.replay(live.config(), FAR, WEIGHT, BIAS);

        assertEquals(FAR + 1, path.length());
        assertArrayEquals(a, path.a(), 0.0, "weight (1, 2), with the learning rate changed at step 70");
        assertArrayEquals(b, path.b(), 0.0, "bias of row 2");
    }

    @Test
    void a_path_to_an_earlier_step_is_a_prefix_of_a_longer_one() {
        RunConfig config = Fixtures.smallRun(Optimizer.SGD);

        PairPath longer = PairPath.replay(config, 40, WEIGHT, BIAS);
        PairPath shorter = PairPath.replay(config, 25, WEIGHT, BIAS);

        assertArrayEquals(Arrays.copyOf(longer.a(), 26), shorter.a(), 0.0);
        assertArrayEquals(Arrays.copyOf(longer.b(), 26), shorter.b(), 0.0);
    }

    @Test
    void the_path_to_step_zero_is_the_starting_point_alone() {
        RunConfig config = Fixtures.smallRun(Optimizer.BATCH);
        Parameters start = new TrainingRun(config).snapshot().parameters();

        PairPath path = PairPath.replay(config, 0, WEIGHT, BIAS);

        assertArrayEquals(new double[] {WEIGHT.valueIn(start)}, path.a(), 0.0);
        assertArrayEquals(new double[] {BIAS.valueIn(start)}, path.b(), 0.0);
    }

    @Test
    void a_step_the_run_never_reaches_or_a_parameter_it_does_not_have_is_refused() {
        RunConfig config = Fixtures.smallRun(Optimizer.BATCH);
        RunConfig exploding = Fixtures.run("blobs", 50, 2, Parameterization.SIGMOID, FeatureMap.LINEAR,
                Optimizer.BATCH, 8, 100, 10, 0.2, 3, new Init.Random());
        ParameterIndex weight = new ParameterIndex(0, 0);
        ParameterIndex bias = new ParameterIndex(0, 2);

        assertThrows(IllegalArgumentException.class, () -> PairPath.replay(exploding, 1000, weight, bias));
        assertThrows(IllegalArgumentException.class,
                () -> PairPath.replay(config, TrainingRun.MAX_STEP + 1, WEIGHT, BIAS));
        assertThrows(IllegalArgumentException.class, () -> PairPath.replay(config, -1, WEIGHT, BIAS));
        assertThrows(IllegalArgumentException.class,
                () -> PairPath.replay(config, 3, WEIGHT, new ParameterIndex(3, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> PairPath.replay(config, 3, new ParameterIndex(0, 4), BIAS));
    }
}
