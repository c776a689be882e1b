package org.logitlab.web.page;

import org.logitlab.web.BadRequest;

/**
 * What the inspector panel is looking at: one parameter (k, i) or one example; it stays open across steps.
 *
 * @param twoClassSoftmax for an example under a K = 2 sigmoid model: also show it under two-class softmax
 */
record Inspection(Kind kind, int k, int i, int index, boolean twoClassSoftmax) {
    enum Kind { WEIGHT, EXAMPLE }

    /** The form value that keeps the inspector open: {@code w:k,i} or {@code x:index} (+ {@code :s}). */
    String token() {
        return kind == Kind.WEIGHT ? "w:" + k + "," + i : "x:" + index + (twoClassSoftmax ? ":s" : "");
    }

    /** Reads a token; null for an empty one. */
    static Inspection parse(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            if (token.startsWith("w:")) {
                String[] ki = token.substring(2).split(",");
                return new Inspection(Kind.WEIGHT, Integer.parseInt(ki[0]), Integer.parseInt(ki[1]), -1, false);
            }
            if (token.startsWith("x:")) {
                String[] parts = token.substring(2).split(":");
                return new Inspection(Kind.EXAMPLE, -1, -1, Integer.parseInt(parts[0]),
                        parts.length > 1 && "s".equals(parts[1]));
            }
        } catch (RuntimeException e) {
            // fall through to the complaint below
        }
        throw new BadRequest("inspect", "must be w:k,i (a weight) or x:index (an example)");
    }
}
