package org.logitlab.core;

import org.logitlab.text.Sentence;

/**
 * Logistic (sigmoid) or multinomial (softmax) regression over a feature map: the per-example math.
 *
 * <p>Sigmoid (K = 2): z = w·φ + b, p = σ(z), loss −[y log p + (1−y) log(1−p)] = softplus(z) − y·z, and the
 * error term p − y that multiplies φ_j in (4.61). Softmax: z_k = w_k·φ + b_k, ŷ = softmax(z), loss −log ŷ_c
 * = logsumexp(z) − z_c (5.46–5.47), and the error term ŷ_k − y_k of (5.48).
 *
 * @param classes          K, the number of classes
 * @param parameterization sigmoid (K = 2 only) or softmax
 * @param dimension        the number of features, the length of φ
 */
public record LogisticModel(int classes, Parameterization parameterization, int dimension) {
    public LogisticModel {
        if (parameterization == Parameterization.SIGMOID && classes != 2) {
            throw new InvalidConfigException("parameterization", Sentence.SIGMOID_CLASSES, classes);
        }
    }

    /** Number of weight vectors: 1 for sigmoid, K for softmax. */
    public int rows() {
        return parameterization.rows(classes);
    }

    /** z_r = w_r · φ + b_r for every row r, with φ read from {@code phi[offset ..]}. */
    public void logits(Parameters theta, double[] phi, int offset, double[] z) {
        double[] w = theta.weightsView();
        double[] b = theta.biasesView();
        int rows = rows();
        for (int r = 0; r < rows; r++) {
            double s = b[r];
            int base = r * dimension;
            for (int i = 0; i < dimension; i++) {
                s += w[base + i] * phi[offset + i];
            }
            z[r] = s;
        }
    }

    /**
     * The cross-entropy loss of one example with logits z and true class {@code label}, ≥ 0; writes the error
     * terms ∂loss/∂z_r into {@code error}: σ(z) − y for sigmoid (4.61), ŷ_k − y_k for softmax (5.48).
     */
    public double lossAndError(double[] z, int label, double[] error) {
        if (parameterization == Parameterization.SIGMOID) {
            double zi = z[0];
            error[0] = Numerics.sigmoid(zi) - label;
            // −log σ(z) = softplus(−z) and −log(1 − σ(z)) = softplus(z): no cancellation for confident examples.
            return label == 1 ? Numerics.softplus(-zi) : Numerics.softplus(zi);
        }
        int top = 0;
        for (int k = 1; k < classes; k++) {
            if (z[k] > z[top]) {
                top = k;
            }
        }
        // One exponential per class: e_k = exp(z_k − z_top) (kept in error[] for now), rest = Σ_{k≠top} e_k.
        double rest = 0.0;
        for (int k = 0; k < classes; k++) {
            double e = k == top ? 1.0 : StrictMath.exp(z[k] - z[top]);
            error[k] = e;
            if (k != top) {
                rest += e;
            }
        }
        // log Σ e^{z_k} = z_top + log1p(rest), kept apart so that −log ŷ_c stays accurate when ŷ_c is near 1.
        double log1pRest = StrictMath.log1p(rest);
        double total = 1.0 + rest;
        for (int k = 0; k < classes; k++) {
            error[k] = error[k] / total - (k == label ? 1.0 : 0.0);
        }
        return (z[top] - z[label]) + log1pRest;
    }

    /** The K class probabilities p(y = k | x) from logits z; for sigmoid, {@code [1 − σ(z), σ(z)]}. */
    public void probabilities(double[] z, double[] out) {
        if (parameterization == Parameterization.SIGMOID) {
            out[1] = Numerics.sigmoid(z[0]);
            out[0] = Numerics.sigmoid(-z[0]);
            return;
        }
        double lse = Numerics.logSumExp(z, classes);
        for (int k = 0; k < classes; k++) {
            out[k] = StrictMath.exp(z[k] - lse);
        }
    }

    /** The predicted class: σ(z) > 1/2 for sigmoid, the first largest logit for softmax. */
    public int predict(double[] z) {
        if (parameterization == Parameterization.SIGMOID) {
            return z[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Whether logits {@code z} get an example of class {@code label} wrong: another class is strictly more likely
     * than the true one. A tie is no mistake (at θ = 0 every class ties everywhere).
     */
    public boolean wrong(double[] z, int label) {
        if (parameterization == Parameterization.SIGMOID) {
            return label == 1 ? z[0] < 0 : z[0] > 0;
        }
        for (int k = 0; k < classes; k++) {
            if (z[k] > z[label]) {
                return true;
            }
        }
        return false;
    }

    /** Scratch space for one pass over examples; one per thread of work. */
    public Workspace workspace() {
        return new Workspace(this);
    }

    /**
     * Accumulates Σ loss_n, the number of correct predictions, and the unaveraged Σ ∂loss_n/∂θ over the rows
     * {@code order[from..to)} of {@code data} (or rows {@code from..to} when {@code order} is null).
     */
    public void accumulate(Parameters theta, DesignMatrix data, int[] order, int from, int to, Workspace ws) {
        double[] phi = data.featuresView();
        int[] labels = data.labelsView();
        double[] z = ws.z;
        double[] err = ws.error;
        double[] gw = ws.gradientWeights;
        double[] gb = ws.gradientBiases;
        int rows = rows();
        for (int t = from; t < to; t++) {
            int n = order == null ? t : order[t];
            int offset = n * dimension;
            logits(theta, phi, offset, z);
            ws.lossSum += lossAndError(z, labels[n], err);
            if (predict(z) == labels[n]) {
                ws.correct++;
            }
            for (int r = 0; r < rows; r++) {
                double e = err[r];
                gb[r] += e;
                int base = r * dimension;
                for (int i = 0; i < dimension; i++) {
                    gw[base + i] += e * phi[offset + i];
                }
            }
        }
    }

    /** Reusable scratch arrays and running sums for {@link #accumulate}. */
    public static final class Workspace {
        final double[] z;
        final double[] error;
        final double[] gradientWeights;
        final double[] gradientBiases;
        double lossSum;
        int correct;

        Workspace(LogisticModel model) {
            z = new double[model.rows()];
            error = new double[model.rows()];
            gradientWeights = new double[model.rows() * model.dimension];
            gradientBiases = new double[model.rows()];
        }

        long footprintBytes() {
            return Footprint.object(6) + 3 * Footprint.doubles(z.length) + Footprint.doubles(gradientWeights.length);
        }

        public void clear() {
            java.util.Arrays.fill(gradientWeights, 0.0);
            java.util.Arrays.fill(gradientBiases, 0.0);
            lossSum = 0.0;
            correct = 0;
        }
    }
}
