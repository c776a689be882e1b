package org.logitlab.core;

/**
 * Everything measured at one set of parameters, for J = (1/N) Σ loss + (λ₂/2)‖W‖² + λ₁‖W‖₁ (biases are not
 * regularized). The L1 term has no derivative where a weight is 0, so two vectors stand in for "the gradient":
 * {@code gradient} is ∇J_smooth, the derivative of everything but the L1 term, which is what a step subtracts before
 * it shrinks the weights (see {@link ProximalUpdate}); {@code stationarity} is the subgradient of the whole J that is
 * shortest, which is zero exactly at a minimum of J. Without L1 the two are the same object.
 *
 * @param trainLoss     mean cross-entropy over the training set, (1/N) Σ loss_n, ≥ 0
 * @param objective     J = trainLoss + (λ₂/2) Σ w² + λ₁ Σ |w|
 * @param gradient      ∇J_smooth at these parameters: (1/N) Σ ∂loss_n/∂θ + λ₂w, what the page shows as ∂J/∂w
 * @param stationarity  the minimum-norm subgradient of J: g + λ₁·sign(w) for a weight w ≠ 0, S(g, λ₁) =
 *                      sign(g)·max(|g| − λ₁, 0) for a weight at 0, g for a bias (g the entry of {@code gradient});
 *                      equal to {@code gradient} when λ₁ = 0
 * @param gradientNorm  the Euclidean norm of {@code stationarity} over weights and biases: ‖∇J‖ without L1, and with
 *                      L1 a measure that is 0 exactly at the optimum, so convergence tests keep their meaning
 * @param trainAccuracy fraction of training examples predicted correctly
 * @param testLoss      mean cross-entropy over the test set, or null without a test split
 * @param testAccuracy  fraction of test examples predicted correctly, or null without a test split
 */
public record Evaluation(double trainLoss, double objective, Parameters gradient, Parameters stationarity,
                         double gradientNorm, double trainAccuracy, Double testLoss, Double testAccuracy) {

    /** True when every number is finite, so it can be shown and serialized. */
    public boolean isFinite() {
        return Double.isFinite(trainLoss) && Double.isFinite(objective) && gradient.isFinite()
                && stationarity.isFinite() && Double.isFinite(gradientNorm)
                && (testLoss == null || Double.isFinite(testLoss));
    }
}
