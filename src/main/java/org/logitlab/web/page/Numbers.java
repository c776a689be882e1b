package org.logitlab.web.page;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * How numbers look on the page: a few significant digits, plain where possible, never NaN.
 *
 * <p>Every number is rounded from the shortest decimal that reads back as the double, half up, as
 * {@code BigDecimal.valueOf(v).round(…)} and {@code String.format("%.2f")} round: exact halves of that decimal round
 * up, so 0.15 shows as 0.2 at one digit. It works on those digits as text: a step shows about a hundred numbers, and
 * BigDecimal's and Formatter's objects were a tenth of a step answer's time.
 *
 * <p>The shortest decimal comes from Jackson's fast double writer ({@link NumberOutput#toString(double, boolean)},
 * Schubfach), the algorithm {@link Double#toString} uses from Java 19 on. Java 17's own takes about five times as long (400 against 85 ns a number) and, for about one double in
 * a thousand, writes 18 digits where 17 read back; rounded to the page's few digits the two agreed on all of two
 * million random doubles.
 */
final class Numbers {
    private Numbers() {
    }

    /** {@code v} to {@code digits} significant digits: 0.256177, −1.2e−5, 12.5. */
    static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        Decimal d = Decimal.of(abs).significant(digits);
        StringBuilder out = new StringBuilder(12);
        if (v < 0) {
            out.append('−');
        }
        if (abs >= 1e-4 && abs < 1e6) {
            return d.plain(out).toString();
        }
        // Scientific, as "%.(digits−1)e" and then without the mantissa's trailing zeros: 1.2e−5, 3e7.
        out.append(d.digits.charAt(0));
        if (d.digits.length() > 1) {
            out.append('.').append(d.digits, 1, d.digits.length());
        }
        out.append('e');
        if (d.exponent < 0) {
            out.append('−');
        }
        return out.append(Math.abs(d.exponent)).toString();
    }

    /** A share as a percentage with one decimal, as "%.1f%%": 93.5%. */
    static String percent(double v) {
        return fixed(100 * v, 1) + "%";
    }

    /** A signed number for "moved by": +0.0123 or −0.0123. */
    static String signed(double v, int digits) {
        return (v > 0 ? "+" : "") + sig(v, digits);
    }

    /** {@code v} with exactly {@code decimals} decimals, as "%.(decimals)f" writes it: 0.48, 12.0, NaN. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"; // as Formatter writes them
        }
        StringBuilder out = new StringBuilder(12);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            out.append('-');
        }
        Decimal d = v == 0 ? Decimal.ZERO : Decimal.of(Math.abs(v)).decimals(decimals);
        int units = Math.max(d.exponent, 0);
        for (int p = units; p >= -decimals; p--) {
            out.append(d.digit(p));
            if (p == 0 && decimals > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }

    /**
     * A positive decimal {@code 0.d₁d₂d₃… × 10^(exponent+1)}: {@code digits} without leading or trailing zeros, the
     * first of them worth {@code 10^exponent} (0.0123 is "123" and −2). Zero has no digits.
     */
    private record Decimal(String digits, int exponent) {
        static final Decimal ZERO = new Decimal("", 0);

        /** The shortest decimal of a positive finite {@code v}, read from its text: "123.45", "0.001", "1.5E-5". */
        static Decimal of(double v) {
            String text = NumberOutput.toString(v, true);
            int e = text.indexOf('E');
            int power = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
            int end = e < 0 ? text.length() : e;
            int point = text.indexOf('.');
            StringBuilder digits = new StringBuilder(end);
            int first = -1;
            for (int i = 0; i < end; i++) {
                char c = text.charAt(i);
                if (c == '.' || (first < 0 && c == '0')) {
                    continue;
                }
                if (first < 0) {
                    first = i;
                }
                digits.append(c);
            }
            if (first < 0) {
                return ZERO;
            }
            // The first significant digit's place: left of the point it is worth 10^(point − first − 1), right of it
            // 10^(point − first).
            int exponent = (first < point ? point - first - 1 : point - first) + power;
            return new Decimal(stripZeros(digits), exponent);
        }

        /** Rounded half up to {@code n} significant digits. */
        Decimal significant(int n) {
            return keep(n);
        }

        /** Rounded half up to {@code n} decimals (a multiple of 10^−n; zero when it rounds away). */
        Decimal decimals(int n) {
            return keep(exponent + 1 + n);
        }

        /** The first {@code n} digits, half up on the next; a carry out of the first digit adds a place. */
        private Decimal keep(int n) {
            if (n >= digits.length()) {
                return this;
            }
            if (n < 0 || (n == 0 && digits.charAt(0) < '5')) {
                return ZERO;
            }
            if (n == 0) {
                return new Decimal("1", exponent + 1);
            }
            StringBuilder kept = new StringBuilder(digits.substring(0, n));
            if (digits.charAt(n) >= '5') {
                int i = n - 1;
                while (i >= 0 && kept.charAt(i) == '9') {
                    kept.setCharAt(i, '0');
                    i--;
                }
                if (i < 0) {
                    return new Decimal("1", exponent + 1);
                }
                kept.setCharAt(i, (char) (kept.charAt(i) + 1));
            }
            return new Decimal(stripZeros(kept), exponent);
        }

        /** The digit worth {@code 10^place} ('0' outside the digits). */
        char digit(int place) {
            int i = exponent - place;
            return i >= 0 && i < digits.length() ? digits.charAt(i) : '0';
        }

        /** Written without an exponent or trailing zeros: 1200, 12.5, 0.00012. */
        StringBuilder plain(StringBuilder out) {
            int last = Math.min(0, exponent - digits.length() + 1);
            for (int p = Math.max(exponent, 0); p >= last; p--) {
                out.append(digit(p));
                if (p == 0 && last < 0) {
                    out.append('.');
                }
            }
            return out;
        }

        private static String stripZeros(CharSequence digits) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return digits.subSequence(0, end).toString();
        }
    }
}
