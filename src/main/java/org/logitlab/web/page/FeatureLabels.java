package org.logitlab.web.page;

import org.logitlab.core.Feature;

/** How a feature is written in plain text ({@code x₁²}), and an index as a subscript. */
final class FeatureLabels {
    private FeatureLabels() {
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
