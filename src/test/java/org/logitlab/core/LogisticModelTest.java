package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-example math of {@link LogisticModel} against the textbook formulas, written out naively. */
class LogisticModelTest {
    private static final double HUGE = 1e4;

    @Property(tries = 300)
    void sigmoid_loss_equals_the_textbook_binary_cross_entropy_at_moderate_logits(
            @ForAll @DoubleRange(min = -8, max = 8) double z, @ForAll @IntRange(min = 0, max = 1) int y) {
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 1);
        double[] error = new double[1];

        double loss = model.lossAndError(new double[] {z}, y, error);

        double sigma = 1 / (1 + Math.exp(-z));
        double textbook = -(y * Math.log(sigma) + (1 - y) * Math.log(1 - sigma)); // (5.44)
        assertEquals(textbook, loss, 1e-10 * Math.max(1, textbook));
        assertEquals(sigma - y, error[0], 1e-14, "the error term σ(z) − y of (4.61)");
    }

    @Property(tries = 300)
    void softmax_loss_equals_minus_the_log_of_the_true_class_probability_at_moderate_logits(
            @ForAll("moderateLogits") double[] z, @ForAll @IntRange(min = 0, max = 7) int labelSeed) {
        int classes = z.length;
        int label = labelSeed % classes;
        LogisticModel model = new LogisticModel(classes, Parameterization.SOFTMAX, 1);
        double[] error = new double[classes];

        double loss = model.lossAndError(z, label, error);

        double denominator = 0;
        for (double zj : z) {
            denominator += Math.exp(zj);
        }
        double textbook = -Math.log(Math.exp(z[label]) / denominator); // (5.47)
        assertEquals(textbook, loss, 1e-12 * Math.max(1, textbook));
        for (int k = 0; k < classes; k++) {
            double yk = k == label ? 1 : 0;
            assertEquals(Math.exp(z[k]) / denominator - yk, error[k], 1e-14, "the error term ŷ_k − y_k of (5.48)");
        }
    }

    @Property(tries = 300)
    void loss_is_never_negative_and_error_terms_stay_in_minus_one_to_one(
            @ForAll("wideLogits") double[] z, @ForAll @IntRange(min = 0, max = 7) int labelSeed) {
        int classes = z.length;
        int label = labelSeed % classes;
        LogisticModel softmax = new LogisticModel(classes, Parameterization.SOFTMAX, 1);
        LogisticModel sigmoid = new LogisticModel(2, Parameterization.SIGMOID, 1);
        double[] error = new double[classes];

        assertTrue(softmax.lossAndError(z, label, error) >= 0);
        assertErrorsBetweenMinusOneAndOne(error);
        assertTrue(sigmoid.lossAndError(z, label % 2, error) >= 0);
        assertErrorsBetweenMinusOneAndOne(error);
    }

    @ParameterizedTest(name = "z = {0}")
    @ValueSource(doubles = {HUGE, -HUGE})
    void sigmoid_loss_is_finite_and_exact_at_huge_logits(double z) {
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 1);
        double[] error = new double[1];
        for (int y = 0; y <= 1; y++) {
            double loss = model.lossAndError(new double[] {z}, y, error);
            boolean confidentlyRight = (z > 0) == (y == 1);
            assertEquals(confidentlyRight ? 0.0 : HUGE, loss, "the loss is |z| when wrong and 0 when right");
            assertEquals(confidentlyRight ? 0.0 : (y == 1 ? -1.0 : 1.0), error[0]);
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 3, 8})
    void softmax_loss_is_finite_at_huge_logits(int classes) {
        LogisticModel model = new LogisticModel(classes, Parameterization.SOFTMAX, 1);
        double[] z = new double[classes];
        z[0] = HUGE;
        z[1] = -HUGE;
        double[] error = new double[classes];
        double[] probabilities = new double[classes];
        for (int label = 0; label < classes; label++) {
            double loss = model.lossAndError(z, label, error);
            assertEquals(HUGE - z[label], loss, 1e-9, "−log ŷ_c = z_max − z_c when one logit dominates");
            assertTrue(Numerics.allFinite(error), Arrays.toString(error));
        }
        model.probabilities(z, probabilities);
        assertTrue(Numerics.allFinite(probabilities));
        assertEquals(1.0, probabilities[0]);
    }

    @Property(tries = 300)
    void softmax_probabilities_lie_in_zero_one_and_sum_to_one_for_up_to_eight_classes(
            @ForAll("wideLogits") double[] z) {
        LogisticModel model = new LogisticModel(z.length, Parameterization.SOFTMAX, 1);
        double[] p = new double[z.length];

        model.probabilities(z, p);

        assertProbabilityVector(p);
    }

    @Property(tries = 200)
    void sigmoid_probabilities_lie_in_zero_one_and_sum_to_one(
            @ForAll @DoubleRange(min = -HUGE, max = HUGE) double z) {
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 1);
        double[] p = new double[2];

        model.probabilities(new double[] {z}, p);

        assertProbabilityVector(p);
        assertTrue(z > 0 ? p[1] >= 0.5 : p[1] <= 0.5, "p(y = 1) is on the side of 1/2 that z is on of 0");
    }

    @Property(tries = 300)
    void the_predicted_class_has_the_largest_probability(@ForAll("moderateLogits") double[] z) {
        LogisticModel model = new LogisticModel(z.length, Parameterization.SOFTMAX, 1);
        double[] p = new double[z.length];
        model.probabilities(z, p);

        int predicted = model.predict(z);

        for (double pk : p) {
            assertTrue(p[predicted] >= pk);
        }
    }

    @Test
    void sigmoid_predicts_class_one_only_for_a_positive_logit() {
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 1);
        assertEquals(1, model.predict(new double[] {1e-300}));
        assertEquals(0, model.predict(new double[] {0.0}));
        assertEquals(0, model.predict(new double[] {-1e-300}));
    }

    @Test
    void softmax_breaks_ties_towards_the_first_class() {
        LogisticModel model = new LogisticModel(4, Parameterization.SOFTMAX, 1);
        assertEquals(1, model.predict(new double[] {0, 2, 2, -1}));
    }

    @Test
    void logits_are_the_weighted_sum_of_features_plus_bias_for_every_row() {
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, 2);
        Parameters theta = Parameters.ofRows(new double[][] {{1, 2}, {-3, 0.5}, {0, 0}}, new double[] {0.25, -1, 7});
        double[] z = new double[3];

        model.logits(theta, new double[] {9, 4, -2}, 1, z);

        assertArrayEquals(new double[] {4 - 4 + 0.25, -12 - 1 - 1, 7}, z);
    }

    @Test
    void sigmoid_rejects_more_than_two_classes_naming_the_parameterization() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new LogisticModel(3, Parameterization.SIGMOID, 2));
        assertEquals("parameterization", e.field());
        assertFalse(e.getMessage().isBlank());
    }

    @Provide
    Arbitrary<double[]> moderateLogits() {
        return logits(8);
    }

    @Provide
    Arbitrary<double[]> wideLogits() {
        return Arbitraries.oneOf(logits(HUGE), logits(40), logits(1));
    }

    private static Arbitrary<double[]> logits(double bound) {
        return Arbitraries.doubles().between(-bound, bound).ofScale(6).array(double[].class).ofMinSize(2).ofMaxSize(8);
    }

    private static void assertProbabilityVector(double[] p) {
        double sum = 0;
        for (double pk : p) {
            assertTrue(pk >= 0 && pk <= 1, Arrays.toString(p));
            sum += pk;
        }
        assertEquals(1.0, sum, 1e-12, Arrays.toString(p));
    }

    private static void assertErrorsBetweenMinusOneAndOne(double[] error) {
        for (double e : error) {
            assertTrue(e >= -1 && e <= 1, Arrays.toString(error));
        }
    }
}
