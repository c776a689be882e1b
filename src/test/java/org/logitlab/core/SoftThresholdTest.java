package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** S(v, t) = sign(v)·max(|v| − t, 0), the proximal operator of t|·| that the L1 step applies to every weight. */
class SoftThresholdTest {

    @Property
    void the_result_minimises_half_the_squared_distance_plus_t_times_the_magnitude(
            @ForAll("values") double v, @ForAll("thresholds") double t) {
        double x = Numerics.softThreshold(v, t);
        // Optimality of ½(x − v)² + t|x|: 0 ∈ x − v + t·∂|x|, i.e. |v| ≤ t at x = 0, and v − x = t·sign(x) elsewhere.
        if (x == 0.0) {
            assertTrue(Math.abs(v) <= t, () -> "S(" + v + ", " + t + ") = 0 although |v| > t");
        } else {
            assertEquals(t * Math.signum(x), v - x, 1e-15 * Math.max(Math.abs(v), t) + Double.MIN_VALUE);
            assertEquals(Math.signum(v), Math.signum(x), "the sign is kept");
        }
    }

    @Property
    void the_magnitude_is_the_excess_over_the_threshold_exactly(@ForAll("values") double v,
                                                                @ForAll("thresholds") double t) {
        assertEquals(Math.max(Math.abs(v) - t, 0.0), Math.abs(Numerics.softThreshold(v, t)));
    }

    @Property
    void values_within_the_threshold_become_positive_zero(@ForAll("thresholds") double t,
                                                         @ForAll("fractions") double fraction) {
        double v = fraction * t;
        assertEquals(0.0, Numerics.softThreshold(v, t), "+0.0, bit for bit");
        assertEquals(0.0, Numerics.softThreshold(-v, t), "+0.0, bit for bit");
    }

    @Property
    void it_is_odd(@ForAll("values") double v, @ForAll("thresholds") double t) {
        assertTrue(Numerics.softThreshold(-v, t) == -Numerics.softThreshold(v, t));
    }

    @Property
    void it_never_moves_two_values_further_apart(@ForAll("values") double a, @ForAll("values") double b,
                                                 @ForAll("thresholds") double t) {
        double apart = Math.abs(Numerics.softThreshold(a, t) - Numerics.softThreshold(b, t));
        assertTrue(apart <= Math.abs(a - b) * (1 + 1e-15) + 1e-15 * Math.max(t, 1e-300),
                () -> "|S(a) − S(b)| = " + apart + " > |a − b| = " + Math.abs(a - b));
    }

    @Property
    void a_zero_threshold_changes_nothing(@ForAll("values") double v) {
        assertTrue(Numerics.softThreshold(v, 0.0) == v);
    }

    @Test
    void not_a_number_stays_not_a_number_so_a_diverging_step_is_still_seen() {
        assertTrue(Double.isNaN(Numerics.softThreshold(Double.NaN, 0.5)));
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.softThreshold(Double.NEGATIVE_INFINITY, 0.5));
    }

    @Test
    void examples() {
        assertEquals(0.75, Numerics.softThreshold(1.0, 0.25));
        assertEquals(-0.75, Numerics.softThreshold(-1.0, 0.25));
        assertEquals(0.0, Numerics.softThreshold(0.25, 0.25));
        assertEquals(0.0, Numerics.softThreshold(-0.1, 0.25));
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e3, 1e3).ofScale(12),
                Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(18), Arbitraries.of(0.0, -0.0, 1.0, -1.0));
    }

    @Provide
    Arbitrary<Double> thresholds() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 20).ofScale(12),
                Arbitraries.doubles().between(0, 1e-6).ofScale(18),
                Arbitraries.of(0.0, 1.0));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(12);
    }
}
