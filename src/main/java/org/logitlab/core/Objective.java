package org.logitlab.core;

import java.util.BitSet;

import org.logitlab.text.Sentence;

/**
 * The training objective J(θ) = (1/N) Σ_n L_CE(ŷ_n, y_n) + (λ₂/2) Σ w² + λ₁ Σ |w| and its gradient, over a fixed
 * training set, with the test set measured alongside. Biases are not regularized. The smooth part J_smooth (all
 * but the L1 term) is differentiated; the L1 term is handled by the step's soft-threshold ({@link TrainingRun}).
 *
 * @param model the per-example loss and error terms
 * @param train the training set, at least one example
 * @param test  the test set, possibly empty
 */
public record Objective(LogisticModel model, DesignMatrix train, DesignMatrix test) {
    public Objective {
        if (train.size() == 0) {
            throw new InvalidConfigException("testFraction", Sentence.NO_TRAINING);
        }
    }

    /**
     * The points, training and test, that the model gets wrong at θ, by their index in the dataset: another class
     * is strictly more likely than the true one ({@link LogisticModel#wrong}).
     */
    public BitSet misclassified(Parameters theta) {
        BitSet wrong = new BitSet();
        train.markWrong(model, theta, wrong);
        test.markWrong(model, theta, wrong);
        return wrong;
    }

    /** {@link #evaluate(Parameters, double, double, LogisticModel.Workspace)} without L1: J = J_smooth. */
    public Evaluation evaluate(Parameters theta, double l2, LogisticModel.Workspace ws) {
        return evaluate(theta, l2, 0.0, ws);
    }

    /**
     * Loss, objective, ∇J_smooth (4.61 / 5.48 averaged, plus λ₂w), the minimum-norm subgradient of J and its norm,
     * and accuracies at θ. With λ₁ = 0 nothing L1-related is computed.
     */
    public Evaluation evaluate(Parameters theta, double l2, double l1, LogisticModel.Workspace ws) {
        ws.clear();
        model.accumulate(theta, train, null, 0, train.size(), ws);
        int n = train.size();
        double trainLoss = ws.lossSum / n;
        double trainAccuracy = (double) ws.correct / n;
        Parameters gradient = averagedPlusL2(theta, l2, n, ws);
        double[] w = theta.weightsView();
        double objective = trainLoss + 0.5 * l2 * sumOfSquares(w);
        Parameters stationarity = gradient;
        if (l1 != 0.0) {
            objective += l1 * sumOfMagnitudes(w);
            stationarity = minimumNormSubgradient(w, gradient, l1);
        }
        double norm = Numerics.norm(stationarity.weightsView(), stationarity.biasesView());

        Double testLoss = null;
        Double testAccuracy = null;
        if (test.size() > 0) {
            ws.clear();
            model.accumulate(theta, test, null, 0, test.size(), ws);
            testLoss = ws.lossSum / test.size();
            testAccuracy = (double) ws.correct / test.size();
        }
        return new Evaluation(trainLoss, objective, gradient, stationarity, norm, trainAccuracy, testLoss,
                testAccuracy);
    }

    /**
     * The stochastic estimate of ∇J_smooth from the training rows {@code order[from..to)}:
     * (1/B) Σ_{n in batch} ∂loss_n/∂θ + λ₂w.
     */
    public Parameters batchGradient(Parameters theta, double l2, int[] order, int from, int to,
                                    LogisticModel.Workspace ws) {
        ws.clear();
        model.accumulate(theta, train, order, from, to, ws);
        return averagedPlusL2(theta, l2, to - from, ws);
    }

    private static Parameters averagedPlusL2(Parameters theta, double l2, int count, LogisticModel.Workspace ws) {
        double[] w = theta.weightsView();
        double[] gw = new double[w.length];
        double[] gb = new double[ws.gradientBiases.length];
        for (int i = 0; i < gw.length; i++) {
            gw[i] = ws.gradientWeights[i] / count + l2 * w[i];
        }
        for (int r = 0; r < gb.length; r++) {
            gb[r] = ws.gradientBiases[r] / count;
        }
        return Parameters.adopt(theta.rows(), theta.dimension(), gw, gb);
    }

    /**
     * The element of ∂J = ∇J_smooth + λ₁·∂‖W‖₁ closest to 0: where w ≠ 0 the subdifferential of λ₁|w| is the single
     * value λ₁·sign(w); where w = 0 it is [−λ₁, λ₁], and g + [−λ₁, λ₁] comes nearest to 0 at S(g, λ₁). It is 0 in
     * every entry exactly when θ minimises J (J is convex). The biases are the gradient's own (shared, never written).
     */
    private static Parameters minimumNormSubgradient(double[] w, Parameters gradient, double l1) {
        double[] g = gradient.weightsView();
        double[] s = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = w[i] == 0.0 ? Numerics.softThreshold(g[i], l1) : g[i] + (w[i] > 0 ? l1 : -l1);
        }
        return Parameters.adopt(gradient.rows(), gradient.dimension(), s, gradient.biasesView());
    }

    private static double sumOfSquares(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }

    private static double sumOfMagnitudes(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += Math.abs(v);
        }
        return s;
    }
}
