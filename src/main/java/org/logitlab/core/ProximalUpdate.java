package org.logitlab.core;

/**
 * One parameter's update written out, as a step applies it: first the plain gradient step on the smooth part of J,
 * then the shrinkage of the L1 term (the proximal step of λ₁|w|, see {@link Numerics#softThreshold}):
 * <pre>
 *   unshrunk = w − η·g            (g = ∂J_smooth/∂w, the gradient table's ∂J/∂w)
 *   next     = S(unshrunk, η·λ₁)  = sign(unshrunk)·max(|unshrunk| − η·λ₁, 0)
 * </pre>
 * A bias is not regularized: its threshold is 0 and {@code next == unshrunk}. Without L1 (λ₁ = 0) the same holds for
 * every weight and this is plain gradient descent. The arithmetic is the run's own, so for batch gradient descent
 * (where g is ∇J_smooth over the training set) {@code next} is bit for bit the value the next step gives; sgd and
 * mini-batch steps use their batch's estimate of g instead.
 *
 * @param weight    w, the value now
 * @param gradient  g = ∂J_smooth/∂w
 * @param unshrunk  w − η·g
 * @param threshold η·λ₁, or 0 for a bias
 * @param next      the value after the step
 */
public record ProximalUpdate(double weight, double gradient, double unshrunk, double threshold, double next) {

    /** The update of a weight (or, with {@code bias}, a bias) w with smooth gradient g. */
    public static ProximalUpdate of(double weight, double gradient, double learningRate, double l1, boolean bias) {
        double unshrunk = weight - learningRate * gradient;
        if (bias || l1 == 0.0) {
            return new ProximalUpdate(weight, gradient, unshrunk, 0.0, unshrunk);
        }
        double threshold = learningRate * l1;
        return new ProximalUpdate(weight, gradient, unshrunk, threshold, Numerics.softThreshold(unshrunk, threshold));
    }

    /**
     * The update of parameter (row, i) of θ under {@code hp}, from the smooth gradient {@code gradient} (usually
     * {@link Evaluation#gradient()}); {@code i == theta.dimension()} is the bias.
     */
    public static ProximalUpdate of(Parameters theta, Parameters gradient, Hyperparameters hp, int row, int i) {
        return of(theta.get(row, i), gradient.get(row, i), hp.learningRate(), hp.l1(), i == theta.dimension());
    }

    /**
     * The whole step at once, as a run takes it: w ← w − η·g for every weight and bias; with λ₁ > 0 the weights
     * then go through the soft-threshold, w ← S(w − η·g, η·λ₁), the same arithmetic as {@link #of}. The choice is
     * made once per step, so that a run without L1 runs the plain loop.
     */
    static Parameters descend(Parameters theta, Parameters g, double learningRate, double l1) {
        double[] w = theta.flatWeights();
        double[] b = theta.biasArray();
        double[] gw = g.weightsView();
        double[] gb = g.biasesView();
        if (l1 == 0.0) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= learningRate * gw[i];
            }
        } else {
            double threshold = learningRate * l1;
            for (int i = 0; i < w.length; i++) {
                w[i] = Numerics.softThreshold(w[i] - learningRate * gw[i], threshold);
            }
        }
        for (int r = 0; r < b.length; r++) {
            b[r] -= learningRate * gb[r];
        }
        return Parameters.adopt(theta.rows(), theta.dimension(), w, b);
    }

    /** −η·g: the change the smooth part asks for. */
    public double gradientStep() {
        return unshrunk - weight;
    }

    /** unshrunk − next: how much the L1 term takes off (towards 0); 0 for a bias or without L1. */
    public double shrinkage() {
        return unshrunk - next;
    }

    /** True when the step leaves the weight at exactly 0 (|w − η·g| ≤ η·λ₁). */
    public boolean endsAtZero() {
        return next == 0.0;
    }
}
