package org.logitlab.web.page;

/** Numbers written for TeX: ASCII minus, powers of ten as ×10^{n}. */
final class Tex {
    private Tex() {
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            // 1/0 at a diverged run's saturated probabilities: said as TeX can typeset it.
            return Double.isNaN(v) ? "\\text{undefined}" : v > 0 ? "\\infty" : "-\\infty";
        }
        String s = Numbers.sig(v, 4).replace('−', '-');
        int e = s.indexOf('e');
        return e < 0 ? s : s.substring(0, e) + " \\times 10^{" + s.substring(e + 1) + "}";
    }

    /** A number, parenthesised when negative so that "a + (−b)" reads right. */
    static String paren(double v) {
        return v < 0 ? "(" + num(v) + ")" : num(v);
    }
}
