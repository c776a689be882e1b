package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.data.DatasetsTest.assertField;

import java.util.Arrays;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeded train/test split. */
class SplitTest {

    @Property(tries = 500)
    void test_fraction_holds_out_floor_of_n_times_f_points_and_keeps_one_for_training(
            @ForAll @IntRange(min = 1, max = DatasetSpec.MAX_POINTS) int n,
            @ForAll @DoubleRange(min = 0, max = Split.MAX_TEST_FRACTION) double testFraction, @ForAll long seed) {
        boolean[] test = Split.testMask(n, testFraction, new SplittableRandom(seed));

        assertEquals(n, test.length);
        // ⌊n·f⌋, with a 1e-9 allowance so that binary rounding (100 × 0.29 = 28.999999999999996) loses no point.
        assertEquals(Math.min(n - 1, (int) Math.floor(n * testFraction + 1e-9)), count(test));
        assertTrue(count(test) < n, "at least one point trains");
    }

    @Test
    void worked_examples_of_the_test_count() {
        assertEquals(0, count(Split.testMask(10, 0.0, new SplittableRandom(1))));
        assertEquals(2, count(Split.testMask(10, 0.25, new SplittableRandom(1))));
        assertEquals(9, count(Split.testMask(10, 0.9, new SplittableRandom(1))));
        assertEquals(0, count(Split.testMask(1, 0.9, new SplittableRandom(1))), "a single point always trains");
        assertEquals(1, count(Split.testMask(2, 0.9, new SplittableRandom(1))));
        assertEquals(29, count(Split.testMask(100, 0.29, new SplittableRandom(1))), "100 × 0.29 is 29, not 28");
        assertEquals(1250, count(Split.testMask(5000, 0.25, new SplittableRandom(1))));
    }

    @Property(tries = 200)
    void the_split_is_the_same_for_the_same_seed(@ForAll @IntRange(min = 1, max = 500) int n,
                                                 @ForAll @DoubleRange(min = 0, max = 0.9) double testFraction,
                                                 @ForAll long seed) {
        assertArrayEquals(Split.testMask(n, testFraction, new SplittableRandom(seed)),
                Split.testMask(n, testFraction, new SplittableRandom(seed)));
    }

    @Test
    void different_seeds_hold_out_different_points() {
        assertFalse(Arrays.equals(Split.testMask(100, 0.3, new SplittableRandom(1)),
                Split.testMask(100, 0.3, new SplittableRandom(2))));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 0.9001, 1.0, Double.NaN})
    void a_test_fraction_outside_zero_to_nine_tenths_names_test_fraction(double testFraction) {
        assertField("testFraction", () -> Split.testMask(10, testFraction, new SplittableRandom(1)));
    }

    @Property(tries = 300)
    void permutation_holds_each_index_exactly_once(@ForAll @IntRange(min = 0, max = 2000) int n, @ForAll long seed) {
        int[] order = Split.permutation(new SplittableRandom(seed), n);

        int[] sorted = order.clone();
        Arrays.sort(sorted);
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
    }

    @Test
    void every_position_is_reachable_by_the_shuffle() {
        // Drawing j from [0, i) instead of [0, i] would never leave an element in place (Sattolo's shuffle).
        int n = 5;
        int[] landings = new int[n];
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 5000; trial++) {
            int[] order = Split.permutation(random, n);
            for (int i = 0; i < n; i++) {
                if (order[i] == 0) {
                    landings[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1000, landings[i], 150, "index 0 landed at position " + i + " " + landings[i] + " times");
        }
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
