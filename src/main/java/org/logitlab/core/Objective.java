package org.logitlab.core;

/**
 * The training objective J(θ) = (1/N) Σ_n L_CE(ŷ_n, y_n) + (λ/2) Σ w² and its gradient, over a fixed
 * training set, with the test set measured alongside.
 */
public final class Objective {
    private final LogisticModel model;
    private final DesignMatrix train;
    private final DesignMatrix test;

    public Objective(LogisticModel model, DesignMatrix train, DesignMatrix test) {
        if (train.size() == 0) {
            throw new InvalidConfigException("testFraction", "leaves no training examples; lower it or add points");
        }
        this.model = model;
        this.train = train;
        this.test = test;
    }

    public LogisticModel model() {
        return model;
    }

    public DesignMatrix train() {
        return train;
    }

    public DesignMatrix test() {
        return test;
    }

    /** Loss, objective, ∇J (4.61 / 5.48 averaged, plus λw) and accuracies at θ. */
    public Evaluation evaluate(Parameters theta, double l2, LogisticModel.Workspace ws) {
        ws.clear();
        model.accumulate(theta, train, null, 0, train.size(), ws);
        int n = train.size();
        double trainLoss = ws.lossSum / n;
        double trainAccuracy = (double) ws.correct / n;
        Parameters gradient = averagedPlusL2(theta, l2, n, ws);
        double objective = trainLoss + 0.5 * l2 * sumOfSquares(theta.weightsView());
        double norm = Numerics.norm(gradient.weightsView(), gradient.biasesView());

        Double testLoss = null;
        Double testAccuracy = null;
        if (test.size() > 0) {
            ws.clear();
            model.accumulate(theta, test, null, 0, test.size(), ws);
            testLoss = ws.lossSum / test.size();
            testAccuracy = (double) ws.correct / test.size();
        }
        return new Evaluation(trainLoss, objective, gradient, norm, trainAccuracy, testLoss, testAccuracy);
    }

    /**
     * The stochastic estimate of ∇J from the training rows {@code order[from..to)}:
     * (1/B) Σ_{n in batch} ∂loss_n/∂θ + λw.
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

    private static double sumOfSquares(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }
}
