package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class NumericsTest {
    private static final double HUGE = 1e4;

    @Test
    void sigmoid_saturates_to_exactly_zero_and_one_at_huge_logits_without_nan() {
        assertEquals(1.0, Numerics.sigmoid(HUGE));
        assertEquals(0.0, Numerics.sigmoid(-HUGE));
        assertEquals(0.5, Numerics.sigmoid(0.0));
    }

    @Test
    void softplus_is_finite_at_huge_logits() {
        assertEquals(HUGE, Numerics.softplus(HUGE));
        assertEquals(0.0, Numerics.softplus(-HUGE));
        assertEquals(Math.log(2), Numerics.softplus(0.0), 1e-16);
    }

    @Test
    void log_sum_exp_is_finite_at_huge_logits() {
        assertEquals(HUGE + Math.log(2), Numerics.logSumExp(new double[] {HUGE, HUGE}, 2), 1e-9);
        assertEquals(-HUGE + Math.log(2), Numerics.logSumExp(new double[] {-HUGE, -HUGE}, 2), 1e-9);
        assertEquals(HUGE, Numerics.logSumExp(new double[] {HUGE, -HUGE, 0}, 3), 1e-9);
    }

    @Test
    void log_sum_exp_reads_only_the_first_count_entries() {
        assertEquals(1.0, Numerics.logSumExp(new double[] {1.0, 1e300, Double.NaN}, 1));
    }

    @Property(tries = 300)
    void sigmoid_matches_its_definition_at_moderate_logits(@ForAll @DoubleRange(min = -30, max = 30) double z) {
        assertEquals(1 / (1 + Math.exp(-z)), Numerics.sigmoid(z), 1e-15);
    }

    @Property(tries = 300)
    void sigmoid_is_symmetric_about_one_half(@ForAll @DoubleRange(min = -HUGE, max = HUGE) double z) {
        assertEquals(1.0, Numerics.sigmoid(z) + Numerics.sigmoid(-z), 1e-15);
    }

    @Property(tries = 300)
    void softplus_matches_its_definition_at_moderate_logits(@ForAll @DoubleRange(min = -30, max = 30) double z) {
        double expected = Math.log(1 + Math.exp(z));
        assertEquals(expected, Numerics.softplus(z), 1e-12 * Math.max(1, expected) + 1e-15);
    }

    @Property(tries = 300)
    void softplus_of_z_minus_softplus_of_minus_z_is_z(@ForAll @DoubleRange(min = -HUGE, max = HUGE) double z) {
        double softplus = Numerics.softplus(z);
        assertTrue(softplus >= 0 && Double.isFinite(softplus));
        assertEquals(z, softplus - Numerics.softplus(-z), 1e-12 * Math.max(1, Math.abs(z)));
    }

    @Property(tries = 300)
    void log_sum_exp_lies_between_the_maximum_and_the_maximum_plus_log_count(
            @ForAll @Size(min = 1, max = 8) double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.max(-HUGE, Math.min(HUGE, z[k]));
            max = Math.max(max, z[k]);
        }

        double lse = Numerics.logSumExp(z, z.length);

        assertTrue(lse >= max, "lse ≥ max");
        assertTrue(lse <= max + Math.log(z.length) + 1e-12 * Math.max(1, Math.abs(max)), "lse ≤ max + log K");
    }

    @Property(tries = 300)
    void log_sum_exp_shifts_with_its_arguments(@ForAll @Size(min = 1, max = 8) double[] z,
                                               @ForAll @DoubleRange(min = -1000, max = 1000) double shift) {
        double[] shifted = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.max(-50, Math.min(50, z[k]));
            shifted[k] = z[k] + shift;
        }
        double expected = Numerics.logSumExp(z, z.length) + shift;
        assertEquals(expected, Numerics.logSumExp(shifted, z.length), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void norm_is_the_euclidean_norm_over_all_parts_even_near_overflow() {
        assertEquals(13.0, Numerics.norm(new double[] {3, 4}, new double[] {12}), 1e-12);
        assertEquals(Math.sqrt(2) * 1e300, Numerics.norm(new double[] {1e300}, new double[] {-1e300}), 1e288);
        assertEquals(0.0, Numerics.norm(new double[] {0, 0}, new double[0]));
    }

    @Test
    void all_finite_spots_every_kind_of_non_finite_value() {
        assertTrue(Numerics.allFinite(new double[] {0, -1e308, Double.MIN_VALUE}));
        assertFalse(Numerics.allFinite(new double[] {0, Double.NaN}));
        assertFalse(Numerics.allFinite(new double[] {Double.POSITIVE_INFINITY}));
        assertFalse(Numerics.allFinite(new double[] {Double.NEGATIVE_INFINITY, 1}));
    }
}
