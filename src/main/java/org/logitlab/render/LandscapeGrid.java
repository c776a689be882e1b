package org.logitlab.render;

import org.logitlab.core.DesignMatrix;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Objective;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/**
 * J(θ) = (1/N) Σ_n L_CE,n + (λ/2) Σ w² + λ₁ Σ |w| (biases not penalized) over a grid of two parameters a and b, every
 * other parameter held at θ, and ∂J/∂a, ∂J/∂b and the curvatures ∂²J/∂a², ∂²J/∂b² at θ.
 *
 * <p>One pass over the training set at θ finds each example's logits, φ_a and φ_b (1 for a bias) and its part of the
 * derivatives. Then the losses at every node come from {@link ProductForm}, one multiply-add per example and node,
 * and the penalty from the weights that stay put plus the two that move. A sigmoid model is seen as two classes,
 * z_0 = 0 and z_1 = z, whose loss log(1 + exp(∓z)) is the binary cross-entropy that (4.59) differentiates, in its
 * softplus form. An example whose logits are hundreds apart is left out of the product form and evaluated directly
 * at every node by the core's {@link LogisticModel#lossAndError}. The tests hold every node to 1e-9 of the core's
 * {@link Objective#evaluate} (the largest difference found is about 1e-13).
 */
final class LandscapeGrid {
    private final LogisticModel model;
    private final int size;
    private final int classes;
    private final int[] labels;
    /** Logits in class space (a sigmoid model as two classes, z_0 = 0), {@code classes} per example. */
    private final double[] logits;
    private final double[] phiA;
    private final double[] phiB;
    private final int classA;
    private final int classB;
    private final double a0;
    private final double b0;
    private final Penalty penalty;
    private final double gradientA;
    private final double gradientB;
    private final double curvatureA;
    private final double curvatureB;

    /** The L2 and L1 terms at a node, from the weights that do not move and the two that do. */
    private record Penalty(double l2, double l1, double restSquares, double restAbs, boolean aWeight, boolean bWeight) {
        double at(double a, double b) {
            double squares = restSquares + (aWeight ? a * a : 0) + (bWeight ? b * b : 0);
            double abs = restAbs + (aWeight ? Math.abs(a) : 0) + (bWeight ? Math.abs(b) : 0);
            return 0.5 * l2 * squares + l1 * abs;
        }
    }

    LandscapeGrid(Objective objective, Parameters theta, double l2, double l1, ParameterIndex a, ParameterIndex b) {
        model = objective.model();
        DesignMatrix train = objective.train();
        size = train.size();
        boolean sigmoid = model.parameterization() == Parameterization.SIGMOID;
        classes = model.classes();
        classA = sigmoid ? 1 : a.row();
        classB = sigmoid ? 1 : b.row();
        labels = new int[size];
        logits = new double[size * classes];
        phiA = new double[size];
        phiB = new double[size];
        int dimension = theta.dimension();
        double[] phi = new double[dimension];
        double[] z = new double[model.rows()];
        double[] error = new double[model.rows()];
        double sumA = 0;
        double sumB = 0;
        double sumCurvatureA = 0;
        double sumCurvatureB = 0;
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < dimension; i++) {
                phi[i] = train.feature(n, i);
            }
            labels[n] = train.label(n);
            phiA[n] = a.isBias(dimension) ? 1 : phi[a.index()];
            phiB[n] = b.isBias(dimension) ? 1 : phi[b.index()];
            model.logits(theta, phi, 0, z);
            System.arraycopy(z, 0, logits, n * classes + (sigmoid ? 1 : 0), z.length);
            model.lossAndError(z, labels[n], error);
            // (4.61) / (5.48): ∂L/∂z_k = ŷ_k − y_k; and ∂²L/∂z_k² = ŷ_k(1 − ŷ_k), σ's derivative (4.57) for sigmoid.
            double pa = error[a.row()] + (labels[n] == classA ? 1 : 0);
            double pb = error[b.row()] + (labels[n] == classB ? 1 : 0);
            sumA += error[a.row()] * phiA[n];
            sumB += error[b.row()] * phiB[n];
            sumCurvatureA += pa * (1 - pa) * phiA[n] * phiA[n];
            sumCurvatureB += pb * (1 - pb) * phiB[n] * phiB[n];
        }
        a0 = a.valueIn(theta);
        b0 = b.valueIn(theta);
        double restSquares = 0;
        double restAbs = 0;
        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i < dimension; i++) {
                boolean moving = r == a.row() && i == a.index() || r == b.row() && i == b.index();
                double w = moving ? 0 : theta.weight(r, i);
                restSquares += w * w;
                restAbs += Math.abs(w);
            }
        }
        boolean aWeight = !a.isBias(dimension);
        boolean bWeight = !b.isBias(dimension);
        penalty = new Penalty(l2, l1, restSquares, restAbs, aWeight, bWeight);
        gradientA = sumA / size + (aWeight ? l2 * a0 + l1 * Math.signum(a0) : 0);
        gradientB = sumB / size + (bWeight ? l2 * b0 + l1 * Math.signum(b0) : 0);
        curvatureA = sumCurvatureA / size + (aWeight ? l2 : 0);
        curvatureB = sumCurvatureB / size + (bWeight ? l2 : 0);
    }

    /** ∂J/∂a at θ: (4.61) or (5.48) averaged, plus λa and λ₁·sign(a) for a weight (0 as sign(0)). */
    double gradientA() {
        return gradientA;
    }

    double gradientB() {
        return gradientB;
    }

    /** ∂²J/∂a² at θ (ignoring λ₁|a|'s kink): (1/N) Σ ŷ_k(1 − ŷ_k)·φ_a² + λ for a weight. */
    double curvatureA() {
        return curvatureA;
    }

    double curvatureB() {
        return curvatureB;
    }

    /**
     * J at every node: {@code [i][j]} is J with a = {@code aValues[i]}, b = {@code bValues[j]}. Each axis's values must
     * be equally spaced (see {@link ProductForm#lossSums}).
     */
    double[][] objective(double[] aValues, double[] bValues) {
        double[] da = offsets(aValues, a0);
        double[] db = offsets(bValues, b0);
        ProductForm form = new ProductForm(size, classes, classA, classB, maxAbs(da), maxAbs(db));
        IntList direct = new IntList();
        for (int n = 0; n < size; n++) {
            if (!form.add(logits, n * classes, labels[n], phiA[n], phiB[n])) {
                direct.add(n);
            }
        }
        double[][] out = form.lossSums(da, db);
        for (int i = 0; i < da.length; i++) {
            for (int j = 0; j < db.length; j++) {
                double lossSum = out[i][j] + directLossSum(direct, da[i], db[j]);
                out[i][j] = lossSum / size + penalty.at(aValues[i], bValues[j]);
            }
        }
        return out;
    }

    /** The losses of the examples outside the product form's safe range, by the core's formula. */
    private double directLossSum(IntList direct, double da, double db) {
        if (direct.size == 0) {
            return 0;
        }
        double sum = 0;
        double[] z = new double[model.rows()];
        double[] error = new double[model.rows()];
        int shift = classes - model.rows();
        for (int d = 0; d < direct.size; d++) {
            int n = direct.items[d];
            for (int r = 0; r < z.length; r++) {
                int k = r + shift;
                z[r] = logits[n * classes + k] + (k == classA ? phiA[n] * da : 0) + (k == classB ? phiB[n] * db : 0);
            }
            sum += model.lossAndError(z, labels[n], error);
        }
        return sum;
    }

    private static double[] offsets(double[] values, double current) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - current;
        }
        return out;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
