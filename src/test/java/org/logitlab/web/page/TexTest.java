package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Numbers written for KaTeX: every one of them something KaTeX can typeset, the non-finite ones too. */
class TexTest {
    @Test
    void numbers_have_an_ascii_minus_and_powers_of_ten() {
        assertEquals("-0.25", Tex.num(-0.25));
        assertEquals("1.5 \\times 10^{-7}", Tex.num(1.5e-7));
        assertEquals("(-2)", Tex.paren(-2));
    }

    @Test
    void a_division_by_a_saturated_probability_is_infinity_not_a_dash() {
        assertEquals("\\infty", Tex.num(1.0 / 0));
        assertEquals("-\\infty", Tex.num(-1.0 / 0));
        assertEquals("\\text{undefined}", Tex.num(Double.NaN));
    }
}
