package org.logitlab.web.page;

import org.logitlab.core.Feature;

/** How a feature is written in TeX and in plain text. */
final class FeatureLabels {
    private FeatureLabels() {
    }

    static String tex(Feature f) {
        return switch (f) {
            case X1 -> "x_1";
            case X2 -> "x_2";
            case X1_SQUARED -> "x_1^2";
            case X2_SQUARED -> "x_2^2";
            case X1_TIMES_X2 -> "x_1 x_2";
            case SIN_X1 -> "\\sin x_1";
            case SIN_X2 -> "\\sin x_2";
        };
    }

    /** n in Unicode subscript digits: 12 → ₁₂. */
    static String subscript(int n) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            out.append((char) ('₀' + (c - '0')));
        }
        return out.toString();
    }

    static String text(Feature f) {
        return switch (f) {
            case X1 -> "x₁";
            case X2 -> "x₂";
            case X1_SQUARED -> "x₁²";
            case X2_SQUARED -> "x₂²";
            case X1_TIMES_X2 -> "x₁x₂";
            case SIN_X1 -> "sin x₁";
            case SIN_X2 -> "sin x₂";
        };
    }
}
