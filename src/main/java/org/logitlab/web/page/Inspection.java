package org.logitlab.web.page;

import org.logitlab.core.Parameters;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.FieldError;

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

    /** Refuses a weight or an example this run does not have. */
    void check(TrainingRun run) {
        Parameters theta = run.snapshot().parameters();
        if (kind == Kind.WEIGHT && (k < 0 || k >= theta.rows() || i < 0 || i > theta.dimension())) {
            throw FieldError.invalid("inspect", "error.inspect.noWeight", k, i, theta.rows() - 1, theta.dimension());
        }
        int size = run.dataset().size();
        if (kind == Kind.EXAMPLE && (index < 0 || index >= size)) {
            throw FieldError.invalid("inspect", "error.inspect.noExample", index, size - 1);
        }
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
        throw FieldError.invalid("inspect", "error.inspect.token");
    }
}
