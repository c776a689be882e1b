package org.logitlab.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One parameter θ_{k,i} under the microscope: its analytic derivative ∂J_smooth/∂θ, a central-difference estimate of
 * the same, and the per-example terms (1/N)(ŷ_{n,k} − y_{n,k}) φ_i(x_n) of (4.61)/(5.48) that, with the L2 term
 * λ₂·w_{k,i}, sum to it. J_smooth is J without its L1 term λ₁‖W‖₁, which has no derivative at w = 0; the L1 part
 * of the step is written out by {@link #nextStep}.
 *
 * @param row               k, the weight vector (0 for sigmoid)
 * @param index             i, the feature; {@code index == dimension} is the bias
 * @param bias              whether this is a bias (not regularized)
 * @param gradient          ∂J_smooth/∂θ_{k,i}, the entry of {@link Evaluation#gradient()}
 * @param numericalGradient (J_smooth(θ + h) − J_smooth(θ − h)) / 2h along θ_{k,i}: J_smooth rather than J, so the
 *                          check compares like with like, also at w = 0 where J has a kink once λ₁ > 0
 * @param contributions     every training example's term, indexed by training row
 * @param regularization    λ₂·w_{k,i}, or 0 for a bias
 */
public record WeightAnalysis(int row, int index, boolean bias, double weight, double gradient,
                             double numericalGradient, double regularization, double[] contributions,
                             int[] trainPointIndices) {

    /** Relative size of the step used for the central difference. */
    static final double RELATIVE_STEP = 1e-5;

    /** The analysis of θ_{k,i} with L2 strength {@code l2}; the L1 strength only enters {@link #nextStep}. */
    public static WeightAnalysis of(Objective objective, Parameters theta, double l2, int row, int index) {
        LogisticModel model = objective.model();
        DesignMatrix train = objective.train();
        int n = train.size();
        int dimension = model.dimension();
        boolean bias = index == dimension;
        double[] contributions = new double[n];
        double[] z = new double[model.rows()];
        double[] error = new double[model.rows()];
        double[] phi = new double[dimension];
        int[] points = new int[n];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < dimension; i++) {
                phi[i] = train.feature(e, i);
            }
            model.logits(theta, phi, 0, z);
            model.lossAndError(z, train.label(e), error);
            contributions[e] = error[row] * (bias ? 1.0 : phi[index]) / n;
            points[e] = train.pointIndex(e);
        }
        double weight = theta.get(row, index);
        double regularization = bias ? 0.0 : l2 * weight;

        // Without λ₁ the objective evaluated here is J_smooth.
        LogisticModel.Workspace ws = model.workspace();
        double gradient = objective.evaluate(theta, l2, ws).gradient().get(row, index);
        double h = RELATIVE_STEP * Math.max(1.0, Math.abs(weight));
        double up = objective.evaluate(theta.with(row, index, weight + h), l2, ws).objective();
        double down = objective.evaluate(theta.with(row, index, weight - h), l2, ws).objective();
        double numerical = (up - down) / (2 * h);
        return new WeightAnalysis(row, index, bias, weight, gradient, numerical, regularization, contributions,
                points);
    }

    /**
     * The next batch step of this parameter written out: w − η·g with g = {@link #gradient}, then the shrinkage by
     * η·λ₁ (none for a bias). Pass the learning rate and λ₁ in force, the ones {@link TrainingRun} steps with.
     */
    public ProximalUpdate nextStep(double learningRate, double l1) {
        return ProximalUpdate.of(weight, gradient, learningRate, l1, bias);
    }

    /** How many of the largest terms the page and the API show one by one. */
    public static final int TOP = 10;

    /**
     * One training example's term (1/N)(ŷ − y)φᵢ of the gradient.
     *
     * @param point the example's index in the dataset
     * @param row   its row in the training set
     */
    public record Term(int point, int row, double value) {
    }

    /** The {@code n} largest terms by size, largest first. */
    public List<Term> top(int n) {
        Integer[] order = rowsByMagnitude();
        List<Term> top = new ArrayList<>();
        for (int j = 0; j < Math.min(n, order.length); j++) {
            top.add(new Term(trainPointIndices[order[j]], order[j], contributions[order[j]]));
        }
        return top;
    }

    /** The sum of every term but the {@code n} largest, added largest first. */
    public double rest(int n) {
        Integer[] order = rowsByMagnitude();
        double rest = 0;
        for (int j = n; j < order.length; j++) {
            rest += contributions[order[j]];
        }
        return rest;
    }

    /** Training rows ordered by |contribution|, largest first. */
    public Integer[] rowsByMagnitude() {
        Integer[] order = new Integer[contributions.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])));
        return order;
    }

    /** |analytic − numerical| / max(|analytic|, |numerical|, tiny): how well the two agree. */
    public double relativeDifference() {
        double scale = Math.max(Math.max(Math.abs(gradient), Math.abs(numericalGradient)), 1e-12);
        return Math.abs(gradient - numericalGradient) / scale;
    }
}
