package org.logitlab.web.page;

import java.math.BigDecimal;
import java.math.MathContext;

/** How numbers look on the page: a few significant digits, plain where possible, never NaN. */
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
        if (abs >= 1e-4 && abs < 1e6) {
            // From Double.toString's decimal (one that reads back as v), not from v's exact binary expansion: far
            // less work per number, and a page shows dozens of numbers per step. Exact halves of that decimal round
            // up, so 0.15 shows as 0.2 at one digit.
            BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(digits));
            return d.stripTrailingZeros().toPlainString().replace('-', '−');
        }
        String s = String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
        String[] parts = s.split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return (mantissa + "e" + Integer.parseInt(parts[1])).replace('-', '−');
    }

    static String percent(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** A signed number for "moved by": +0.0123 or −0.0123. */
    static String signed(double v, int digits) {
        return (v > 0 ? "+" : "") + sig(v, digits);
    }
}
