package org.logitlab.core;

/**
 * One example under the current parameters, every intermediate of the chain rule: φ(x), the logits z, the
 * probabilities, the loss, the error terms ∂loss/∂z, and the example's own gradient (unaveraged, unregularized).
 *
 * @param error          ∂loss/∂z_r: σ(z) − y for sigmoid (4.61), ŷ_k − y_k for softmax (5.48)
 * @param gradientWeights ∂loss/∂w_{r,i} = error_r · φ_i, one row per weight vector
 * @param gradientBiases  ∂loss/∂b_r = error_r
 */
public record ExampleAnalysis(double[] features, int label, double[] logits, double[] probabilities, double loss,
                              double[] error, double[][] gradientWeights, double[] gradientBiases) {

    public static ExampleAnalysis of(LogisticModel model, FeatureMap map, Parameters theta, double x1, double x2,
                                     int label) {
        double[] phi = map.apply(x1, x2);
        int rows = model.rows();
        double[] z = new double[rows];
        model.logits(theta, phi, 0, z);
        double[] error = new double[rows];
        double loss = model.lossAndError(z, label, error);
        double[] probabilities = new double[model.classes()];
        model.probabilities(z, probabilities);
        double[][] gw = new double[rows][phi.length];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < phi.length; i++) {
                gw[r][i] = error[r] * phi[i];
            }
        }
        return new ExampleAnalysis(phi, label, z, probabilities, loss, error, gw, error.clone());
    }
}
