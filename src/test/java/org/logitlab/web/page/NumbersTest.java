package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The page's numbers against Java's own decimal formatting: BigDecimal's half-up rounding of {@link Double#toString}
 * for plain numbers, {@link String#format} for scientific and fixed ones — what the page wrote before it rounded
 * digits as text. (The page starts from the shortest decimal, which Java 17's {@code Double.toString} misses for
 * about one double in a thousand by an 18th digit: at the page's few digits the roundings agree.)
 */
class NumbersTest {

    /** What {@link Numbers#sig} must write: BigDecimal in the plain range, Formatter's %e outside it. */
    static String sigByJava(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e6) {
            BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(digits));
            return d.stripTrailingZeros().toPlainString().replace('-', '−');
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        String[] parts = s.split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return (mantissa + "e" + Integer.parseInt(parts[1])).replace('-', '−');
    }

    /** Numbers of every size a page shows, and decimals with few digits, where exact halves and carries live. */
    @Provide
    Arbitrary<Double> numbers() {
        Arbitrary<Double> anySize = Arbitraries.doubles().between(1, 10).ofScale(17)
                .flatMap(m -> Arbitraries.integers().between(-12, 12).map(e -> m * Math.pow(10, e)));
        Arbitrary<Double> shortDecimals = Arbitraries.integers().between(1, 99_999)
                .flatMap(k -> Arbitraries.integers().between(-8, 8).map(e -> k * Math.pow(10, e)));
        Arbitrary<Double> nines = Arbitraries.integers().between(1, 7)
                .flatMap(n -> Arbitraries.integers().between(-7, 7).map(e -> (Math.pow(10, n) - 0.5) * Math.pow(10,
                        e - n)));
        return Arbitraries.oneOf(anySize, shortDecimals, nines).flatMap(v -> Arbitraries.of(v, -v));
    }

    @Property(tries = 20_000)
    void significant_digits_are_what_bigdecimal_and_formatter_write(@ForAll("numbers") double v,
                                                                      @ForAll @IntRange(min = 1, max = 6) int digits) {
        assertEquals(sigByJava(v, digits), Numbers.sig(v, digits), () -> "sig(" + v + ", " + digits + ")");
    }

    @Property(tries = 20_000)
    void fixed_decimals_are_what_formatter_writes(@ForAll("numbers") double v,
                                                  @ForAll @IntRange(min = 0, max = 4) int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Numbers.fixed(v, decimals),
                () -> "fixed(" + v + ", " + decimals + ")");
    }

    @Test
    void exact_halves_of_the_shortest_decimal_round_up() {
        assertEquals("0.2", Numbers.sig(0.15, 1));
        assertEquals("−0.2", Numbers.sig(-0.15, 1));
        assertEquals("0.13", Numbers.fixed(0.125, 2));
        assertEquals("1000000", Numbers.sig(999_999.7, 4));
        assertEquals("1e−4", Numbers.sig(9.96e-5, 2));
        assertEquals("100.0%", Numbers.percent(0.99999));
    }

    @Test
    void a_number_at_full_precision_shows_its_shortest_decimal() {
        // Java 17's Double.toString writes this one with 18 digits, 1.12066001016478464E18; 17 read back.
        double v = 1.1206600101647846E18;
        assertEquals(v, Double.parseDouble("1.1206600101647846E18"));
        assertEquals("1.1206600101647846e18", Numbers.sig(v, 18));
    }

    @Test
    void zeros_and_what_is_not_a_number_read_plainly() {
        assertEquals("0", Numbers.sig(0.0, 3));
        assertEquals("0", Numbers.sig(-0.0, 3));
        assertEquals("—", Numbers.sig(Double.NaN, 3));
        assertEquals("—", Numbers.sig(Double.NEGATIVE_INFINITY, 3));
        assertEquals("0.00", Numbers.fixed(0.0, 2));
        assertEquals("-0.0", Numbers.fixed(-0.0, 1));
        assertEquals("-0.0", Numbers.fixed(-0.01, 1));
        assertEquals("0.0%", Numbers.percent(0));
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(String.format(Locale.ROOT, "%.2f", v), Numbers.fixed(v, 2));
            assertEquals(String.format(Locale.ROOT, "%.1f%%", v), Numbers.percent(v / 100));
        }
    }

    @Test
    void signed_numbers_show_their_plus() {
        assertEquals("+0.0123", Numbers.signed(0.0123, 3));
        assertEquals("−0.0123", Numbers.signed(-0.0123, 3));
        assertEquals("0", Numbers.signed(0, 3));
    }
}
