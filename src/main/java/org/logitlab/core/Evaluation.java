package org.logitlab.core;

/**
 * Everything measured at one set of parameters.
 *
 * @param trainLoss     mean cross-entropy over the training set, (1/N) Σ loss_n, ≥ 0
 * @param objective     J = trainLoss + (λ/2) Σ w² (biases are not regularized)
 * @param gradient      ∇J at these parameters: (1/N) Σ ∂loss_n/∂θ + λw — what gradient descent subtracts
 * @param gradientNorm  the Euclidean norm of {@code gradient} over weights and biases
 * @param trainAccuracy fraction of training examples predicted correctly
 * @param testLoss      mean cross-entropy over the test set, or null without a test split
 * @param testAccuracy  fraction of test examples predicted correctly, or null without a test split
 */
public record Evaluation(double trainLoss, double objective, Parameters gradient, double gradientNorm,
                         double trainAccuracy, Double testLoss, Double testAccuracy) {

    /** True when every number is finite, so it can be shown and serialized. */
    public boolean isFinite() {
        return Double.isFinite(trainLoss) && Double.isFinite(objective) && gradient.isFinite()
                && Double.isFinite(gradientNorm) && (testLoss == null || Double.isFinite(testLoss));
    }
}
