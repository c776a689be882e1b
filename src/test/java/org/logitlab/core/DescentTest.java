package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.logitlab.data.DatasetSpec;

/** What a run's configuration fixes: its data, θ₀ and the arithmetic of a step, the same bits every time. */
class DescentTest {

    @Test
    void two_descents_of_one_configuration_take_the_same_steps_bit_for_bit() {
        RunConfig config = Fixtures.smallRun(Optimizer.MINIBATCH);
        Descent first = new Descent(config);
        Descent second = new Descent(config);
        Hyperparameters hp = config.hyperparametersAt(0);
        Parameters a = first.start();
        Parameters b = second.start();
        assertEquals(a, b, "θ₀");
        for (long t = 0; t < 40; t++) {
            a = first.next(t, a, first.evaluate(a, hp), hp);
            b = second.next(t, b, second.evaluate(b, hp), hp);
            assertEquals(a, b, "θ after step " + t);
        }
    }

    @Test
    void a_batch_step_subtracts_eta_times_the_gradient_from_every_weight_and_bias() {
        RunConfig config = Fixtures.run("blobs", 30, 3, Parameterization.SOFTMAX,
                Fixtures.features(Feature.X1, Feature.X2_SQUARED), Optimizer.BATCH, 1, 0.5, 0.1, 0, 3,
                new Init.Random());
        Descent descent = new Descent(config);
        Hyperparameters hp = config.hyperparametersAt(0);
        Parameters theta = descent.start();
        Parameters g = descent.evaluate(theta, hp).gradient();

        Parameters next = descent.next(0, theta, descent.evaluate(theta, hp), hp);

        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i <= theta.dimension(); i++) {
                assertEquals(theta.get(r, i) - 0.5 * g.get(r, i), next.get(r, i), 0.0, "row " + r + ", " + i);
            }
        }
    }

    /**
     * Points on the line x1 = 0, where the weight of x1 leaves every loss as it is however large it is: only the
     * regularization terms can overflow.
     */
    @Test
    void new_lambdas_under_which_J_overflows_are_refused_naming_l2_and_others_are_taken() {
        Descent descent = new Descent(RunConfig.of(
                DatasetSpec.custom(List.of(new double[] {0, -1, 0}, new double[] {0, 1, 1})), 2,
                Parameterization.SIGMOID, Fixtures.features(Feature.X1), Optimizer.BATCH, 1,
                new Hyperparameters(0.1, 0), 0, 1, new Init.Zeros()));
        Parameters huge = Parameters.of(1, 1, new double[] {1e200}, new double[] {0});
        Parameters large = Parameters.of(1, 1, new double[] {1e150}, new double[] {0});

        assertEquals("l2", assertThrows(InvalidConfigException.class,
                () -> descent.evaluateRetuned(huge, new Hyperparameters(0.1, 1))).field(), "(λ₂/2)·1e400");
        Evaluation kept = descent.evaluateRetuned(large, new Hyperparameters(0.1, 10, 10));
        assertEquals(5e300 + 1e151, kept.objective(), 1e286, "J = log 2 + (10/2)·1e300 + 10·1e150");
    }
}
