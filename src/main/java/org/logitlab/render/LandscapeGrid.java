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
 * <p>Moving a (a weight or bias of row k) by Δa moves only the logit z_k, by φ_a(x_n)·Δa, and likewise for b. With
 * class c the label, the loss (5.47) is L_n = log(1 + R_n) with R_n = Σ_{j≠c} exp(z_j − z_c), and each term of R_n is
 * exp(δ_j)·X^{0|1}·Y^{0|1} with δ_j = z_j − z_c at θ, X = exp(r_a·Δa) and Y = exp(r_b·Δb), where r_a = ±φ_a (minus
 * when the label's own logit moves). So per example, once:
 * R_n(Δa, Δb) = W00 + W10·X + W01·Y + W11·X·Y, with the W's sums of exp(δ_j) sorted by which of X, Y the term has.
 * X for each grid column and Y for each grid row take N exponentials each; a grid node then costs one multiply-add
 * per example for R_n, and no exponential, logarithm or feature product. The log is taken of the product
 * Π(1 + R_n) instead, kept as q = Π(1 + R_n) − 1 (q ← q + R + q·R), which keeps the digits of small losses, and
 * StrictMath.log1p(q) is called once per node, or when q grows past 2^500. A sigmoid model is the same with two
 * classes, z_0 = 0 and z_1 = z, where log(1 + exp(∓z)) is the softplus of (4.56)'s loss.
 *
 * <p>Exactness: each term's exponent δ_j + r_a·Δa + r_b·Δb and each partial product stay within ±{@link #SAFE}
 * when |δ|, |r_a·Δa| and |r_b·Δb| together do over the whole grid, so nothing overflows or underflows; examples
 * outside that (logits hundreds apart) are evaluated directly at every node by the core's
 * {@link LogisticModel#lossAndError}. Every term is positive, so J carries a relative error of a few N·ε; the tests
 * hold it to 1e-9 of the core's {@link Objective#evaluate} at every node.
 */
final class LandscapeGrid {
    /** The largest |exponent| the product form meets: e^300 times 8 classes times 2^500 stays finite. */
    static final double SAFE = 300;
    private static final double FLUSH = 0x1p500;

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

    /** J at every node: {@code [i][j]} is J with a = {@code aValues[i]}, b = {@code bValues[j]}. */
    double[][] objective(double[] aValues, double[] bValues) {
        double[] da = offsets(aValues, a0);
        double[] db = offsets(bValues, b0);
        Terms terms = new Terms(size);
        IntList direct = new IntList();
        double reachA = maxAbs(da);
        double reachB = maxAbs(db);
        for (int n = 0; n < size; n++) {
            if (!terms.add(n, reachA, reachB)) {
                direct.add(n);
            }
        }
        int count = terms.count;
        double[][] y = new double[db.length][count];
        for (int j = 0; j < db.length; j++) {
            for (int m = 0; m < count; m++) {
                y[j][m] = StrictMath.exp(terms.rb[m] * db[j]);
            }
        }
        double[] u = new double[count];
        double[] v = new double[count];
        double[][] out = new double[da.length][db.length];
        for (int i = 0; i < da.length; i++) {
            for (int m = 0; m < count; m++) {
                double x = StrictMath.exp(terms.ra[m] * da[i]);
                u[m] = terms.w00[m] + terms.w10[m] * x;
                v[m] = terms.w01[m] + terms.w11[m] * x;
            }
            for (int j = 0; j < db.length; j++) {
                double lossSum = logProduct(u, v, y[j], count) + directLossSum(direct, da[i], db[j]);
                out[i][j] = lossSum / size + penalty.at(aValues[i], bValues[j]);
            }
        }
        return out;
    }

    /** Σ_m log(1 + u_m + y_m·v_m), as log1p of the running product minus one, in two interleaved chains. */
    private static double logProduct(double[] u, double[] v, double[] y, int count) {
        double sum = 0;
        double q0 = 0;
        double q1 = 0;
        int m = 0;
        for (; m + 1 < count; m += 2) {
            double r0 = u[m] + y[m] * v[m];
            double r1 = u[m + 1] + y[m + 1] * v[m + 1];
            q0 = q0 + r0 + q0 * r0;
            q1 = q1 + r1 + q1 * r1;
            if (q0 > FLUSH | q1 > FLUSH) {
                sum += StrictMath.log1p(q0) + StrictMath.log1p(q1);
                q0 = 0;
                q1 = 0;
            }
        }
        if (m < count) {
            double r = u[m] + y[m] * v[m];
            q0 = q0 + r + q0 * r;
        }
        return sum + StrictMath.log1p(q0) + StrictMath.log1p(q1);
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

    /** Per example in the product form: its rates r_a, r_b and the four W sums, packed densely. */
    private final class Terms {
        final double[] ra;
        final double[] rb;
        final double[] w00;
        final double[] w10;
        final double[] w01;
        final double[] w11;
        int count;

        Terms(int capacity) {
            ra = new double[capacity];
            rb = new double[capacity];
            w00 = new double[capacity];
            w10 = new double[capacity];
            w01 = new double[capacity];
            w11 = new double[capacity];
        }

        /** Adds example n, or returns false if its exponents could leave ±{@link #SAFE} somewhere on the grid. */
        boolean add(int n, double reachA, double reachB) {
            int c = labels[n];
            int base = n * classes;
            double ratA = c == classA ? -phiA[n] : phiA[n];
            double ratB = c == classB ? -phiB[n] : phiB[n];
            double spread = 0;
            for (int j = 0; j < classes; j++) {
                spread = Math.max(spread, Math.abs(logits[base + j] - logits[base + c]));
            }
            if (!(spread + Math.abs(ratA) * reachA + Math.abs(ratB) * reachB <= SAFE)) {
                return false;
            }
            double s00 = 0;
            double s10 = 0;
            double s01 = 0;
            double s11 = 0;
            for (int j = 0; j < classes; j++) {
                if (j == c) {
                    continue;
                }
                double e = StrictMath.exp(logits[base + j] - logits[base + c]);
                boolean withX = (j == classA) != (c == classA);
                boolean withY = (j == classB) != (c == classB);
                if (withX) {
                    if (withY) {
                        s11 += e;
                    } else {
                        s10 += e;
                    }
                } else if (withY) {
                    s01 += e;
                } else {
                    s00 += e;
                }
            }
            ra[count] = ratA;
            rb[count] = ratB;
            w00[count] = s00;
            w10[count] = s10;
            w01[count] = s01;
            w11[count] = s11;
            count++;
            return true;
        }
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
