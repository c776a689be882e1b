package org.logitlab.bench;

/**
 * The hand-written bound for one batch gradient-descent step of softmax regression: flat arrays, one loop, no
 * abstractions. Per point: logits, the largest logit, e^{z_k − max} once per class, the loss
 * log Σ e^{z_k − max} + max − z_y, the accuracy count, and (ŷ_k − y_k)·φ accumulated into the gradient; then
 * the average, the L2 term and w ← w − η·g written to {@code wNext}/{@code bNext}.
 *
 * <p>The same loop twice, with {@link StrictMath} (what the core uses, bit-identical everywhere) and with
 * {@link Math} (intrinsics, may differ in the last bit between machines), so the price of determinism shows.
 */
final class PlainStep {
    private PlainStep() {
    }

    /**
     * Writes θ − η·∇J(θ) to {@code wNext}/{@code bNext} and the mean loss and accuracy at θ to {@code stats};
     * {@code z}, {@code gw} and {@code gb} are scratch.
     */
    static void strict(double[] x, int[] y, int n, int d, int k, double[] w, double[] b, double l2, double eta,
                       double[] z, double[] gw, double[] gb, double[] wNext, double[] bNext, double[] stats) {
        java.util.Arrays.fill(gw, 0.0);
        java.util.Arrays.fill(gb, 0.0);
        double loss = 0;
        int correct = 0;
        for (int p = 0; p < n; p++) {
            int off = p * d;
            double max = Double.NEGATIVE_INFINITY;
            int top = 0;
            for (int c = 0; c < k; c++) {
                double s = b[c];
                int base = c * d;
                for (int i = 0; i < d; i++) {
                    s += w[base + i] * x[off + i];
                }
                z[c] = s;
                if (s > max) {
                    max = s;
                    top = c;
                }
            }
            int label = y[p];
            double zy = z[label];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = StrictMath.exp(z[c] - max);
                z[c] = e;
                sum += e;
            }
            loss += StrictMath.log(sum) - (zy - max);
            if (top == label) {
                correct++;
            }
            double inv = 1 / sum;
            for (int c = 0; c < k; c++) {
                double g = z[c] * inv - (c == label ? 1 : 0);
                gb[c] += g;
                int base = c * d;
                for (int i = 0; i < d; i++) {
                    gw[base + i] += g * x[off + i];
                }
            }
        }
        update(n, w, b, l2, eta, gw, gb, wNext, bNext);
        stats[0] = loss / n;
        stats[1] = (double) correct / n;
    }

    /** {@link #strict} with {@link Math#exp} and {@link Math#log}. */
    static void fast(double[] x, int[] y, int n, int d, int k, double[] w, double[] b, double l2, double eta,
                     double[] z, double[] gw, double[] gb, double[] wNext, double[] bNext, double[] stats) {
        java.util.Arrays.fill(gw, 0.0);
        java.util.Arrays.fill(gb, 0.0);
        double loss = 0;
        int correct = 0;
        for (int p = 0; p < n; p++) {
            int off = p * d;
            double max = Double.NEGATIVE_INFINITY;
            int top = 0;
            for (int c = 0; c < k; c++) {
                double s = b[c];
                int base = c * d;
                for (int i = 0; i < d; i++) {
                    s += w[base + i] * x[off + i];
                }
                z[c] = s;
                if (s > max) {
                    max = s;
                    top = c;
                }
            }
            int label = y[p];
            double zy = z[label];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(z[c] - max);
                z[c] = e;
                sum += e;
            }
            loss += Math.log(sum) - (zy - max);
            if (top == label) {
                correct++;
            }
            double inv = 1 / sum;
            for (int c = 0; c < k; c++) {
                double g = z[c] * inv - (c == label ? 1 : 0);
                gb[c] += g;
                int base = c * d;
                for (int i = 0; i < d; i++) {
                    gw[base + i] += g * x[off + i];
                }
            }
        }
        update(n, w, b, l2, eta, gw, gb, wNext, bNext);
        stats[0] = loss / n;
        stats[1] = (double) correct / n;
    }

    private static void update(int n, double[] w, double[] b, double l2, double eta, double[] gw, double[] gb,
                               double[] wNext, double[] bNext) {
        for (int j = 0; j < w.length; j++) {
            wNext[j] = w[j] - eta * (gw[j] / n + l2 * w[j]);
        }
        for (int c = 0; c < b.length; c++) {
            bNext[c] = b[c] - eta * (gb[c] / n);
        }
    }
}
