package org.logitlab.core;

/**
 * Numerically stable building blocks. {@link StrictMath} everywhere, so that the same inputs give the same bits
 * on every machine.
 */
public final class Numerics {
    private Numerics() {
    }

    /** σ(z) = 1 / (1 + e^{−z}), evaluated without overflow for any finite z. (4.57) */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }

    /** softplus(z) = log(1 + e^z) = −log σ(−z), finite for every finite z. */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
    }

    /** log Σ e^{z_k} over {@code z[0..count)}, shifted by the maximum so it never overflows. */
    public static double logSumExp(double[] z, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
            sum += StrictMath.exp(z[k] - max);
        }
        return max + StrictMath.log(sum);
    }

    /**
     * The soft-threshold S(v, t) = sign(v)·max(|v| − t, 0), for t ≥ 0: the proximal operator of t|·|, i.e. the x
     * that minimises ½(x − v)² + t|x| (Beck and Teboulle's shrinkage operator in ISTA). Values within t of zero
     * become exactly +0.0; the others move t towards zero, with v − t and v + t rounded like any subtraction.
     * NaN stays NaN, so that a non-finite step is still seen as divergence.
     */
    public static double softThreshold(double v, double t) {
        if (Math.abs(v) <= t) {
            return 0.0;
        }
        return v > 0 ? v - t : v + t;
    }

    public static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Euclidean norm of the concatenation of the arrays, scaled so that large entries do not overflow. */
    public static double norm(double[]... parts) {
        double scale = 0.0;
        for (double[] part : parts) {
            for (double v : part) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0.0;
        for (double[] part : parts) {
            for (double v : part) {
                double s = v / scale;
                sum += s * s;
            }
        }
        return scale * StrictMath.sqrt(sum);
    }
}
