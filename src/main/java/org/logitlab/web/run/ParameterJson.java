package org.logitlab.web.run;

import org.logitlab.core.Parameters;

/**
 * Weights and biases as every JSON answer writes them: {@code {"weights": [[...] per row], "biases": [...]}}. The
 * one place that shape is defined, for the API's state and gradient, the weights export and the page's hover.
 */
public record ParameterJson(double[][] weights, double[] biases) {
    public static ParameterJson of(Parameters p) {
        return new ParameterJson(p.weightRows(), p.biasArray());
    }
}
