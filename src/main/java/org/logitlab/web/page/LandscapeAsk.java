package org.logitlab.web.page;

import java.util.List;

import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameters;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;

/**
 * What the page asks of the loss-landscape panel, as its form field {@code landscape} says: closed (empty), open
 * over the two parameters that moved most ({@code auto}), over one chosen parameter and the one that moved most
 * besides it ({@code k,i}), or over two chosen ones ({@code k,i;k,i}); i = the number of features is the bias.
 */
record LandscapeAsk(boolean open, ParameterIndex a, ParameterIndex b) {
    static final LandscapeAsk CLOSED = new LandscapeAsk(false, null, null);

    static LandscapeAsk parse(String token, Parameters theta) {
        if (token == null || token.isBlank()) {
            return CLOSED;
        }
        if (token.equals("auto")) {
            return new LandscapeAsk(true, null, null);
        }
        String[] pair = token.split(";", -1);
        if (pair.length > 2) {
            throw FieldError.invalid("landscape", "error.landscape.token");
        }
        ParameterIndex a = parameter(pair[0], theta);
        ParameterIndex b = pair.length == 2 ? parameter(pair[1], theta) : null;
        if (a.equals(b)) {
            b = null;
        }
        return new LandscapeAsk(true, a, b);
    }

    private static ParameterIndex parameter(String ki, Parameters theta) {
        String[] parts = ki.split(",", -1);
        if (parts.length != 2) {
            throw FieldError.invalid("landscape", "error.landscape.token");
        }
        return new ParameterIndex((int) Json.integerText(parts[0], "landscape", 0, theta.rows() - 1),
                (int) Json.integerText(parts[1], "landscape", 0, theta.dimension()));
    }

    /** The pair to draw: the chosen parameters, with the most moved ones ({@code moved}, best first) filling in. */
    List<ParameterIndex> pair(List<ParameterIndex> moved) {
        ParameterIndex first = a != null ? a : moved.get(0);
        ParameterIndex second = b;
        if (second == null) {
            second = moved.stream().filter(p -> !p.equals(first)).findFirst().orElse(moved.get(1));
        }
        return List.of(first, second);
    }

    /**
     * The field's value while the pair {@code a}, {@code b} is drawn: that pair, so that the axes stay where they are
     * as the run goes on (the parameters that move most can change during play).
     */
    static String keeps(ParameterIndex drawnA, ParameterIndex drawnB) {
        return key(drawnA) + ";" + key(drawnB);
    }

    static String key(ParameterIndex p) {
        return p.row() + "," + p.index();
    }
}
