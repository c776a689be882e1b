package org.logitlab.render;

/**
 * The losses of many examples at every node of a grid of two parameters, in one multiply-add per example and node.
 *
 * <p>With class c the label, an example's loss (5.47) is log(1 + R) with R = Σ_{j≠c} exp(z_j − z_c). Moving a
 * (in class k_a's row) by Δa moves z_{k_a} by φ_a·Δa, and b likewise, so each term of R is exp(δ_j)·X^{0|1}·Y^{0|1}
 * with δ_j = z_j − z_c at θ, X = exp(r_a·Δa), Y = exp(r_b·Δb) and r_a = ±φ_a (minus when the label's own logit
 * moves). Per example, once: R(Δa, Δb) = W00 + W10·X + W01·Y + W11·X·Y, the W's being sums of exp(δ_j) sorted by
 * which of X and Y the term has. On an equally spaced grid each node's X is the previous node's times a constant, so
 * X and Y take two exponentials per example each; a node then costs no exponential, logarithm or feature product.
 * The log is taken of Π(1 + R) instead, kept as q = Π(1 + R) − 1 (q ← q + R + q·R, which keeps the digits of small
 * losses), with StrictMath.log1p(q) once per node, or when q passes {@link #FLUSH}.
 *
 * <p>An example is taken only while every exponent δ_j + r_a·Δa + r_b·Δb, and every partial product, stays within
 * ±{@link #SAFE} over the whole grid, so that nothing overflows or underflows ({@link #add} says no otherwise). All
 * terms are positive, so the sums carry a relative error of a few N·ε, plus about (grid size)·ε from the X and Y
 * products.
 */
final class ProductForm {
    /** The largest |exponent| a term of R meets: R ≤ 7·e^300 < 2^436. */
    static final double SAFE = 300;
    /**
     * A chain's q is logged and restarted past this: q·R stays below 2^240 · 2^436, and the four chains' product
     * (each at most 2^240 at the end) below 2^964.
     */
    private static final double FLUSH = 0x1p240;

    private final int classes;
    private final int classA;
    private final int classB;
    private final double reachA;
    private final double reachB;
    private final double[] ra;
    private final double[] rb;
    private final double[] w00;
    private final double[] w10;
    private final double[] w01;
    private final double[] w11;
    private int count;

    /**
     * @param classA the class whose logit a moves (1 for a sigmoid model, seen as two classes with z_0 = 0)
     * @param reachA the largest |Δa| on the grid
     */
    ProductForm(int capacity, int classes, int classA, int classB, double reachA, double reachB) {
        this.classes = classes;
        this.classA = classA;
        this.classB = classB;
        this.reachA = reachA;
        this.reachB = reachB;
        ra = new double[capacity];
        rb = new double[capacity];
        w00 = new double[capacity];
        w10 = new double[capacity];
        w01 = new double[capacity];
        w11 = new double[capacity];
    }

    /**
     * Adds an example with class logits {@code logits[base ..]} at θ, or returns false if its exponents could leave
     * ±{@link #SAFE} somewhere on the grid.
     */
    boolean add(double[] logits, int base, int label, double phiA, double phiB) {
        double rateA = label == classA ? -phiA : phiA;
        double rateB = label == classB ? -phiB : phiB;
        double spread = 0;
        for (int j = 0; j < classes; j++) {
            spread = Math.max(spread, Math.abs(logits[base + j] - logits[base + label]));
        }
        if (!(spread + Math.abs(rateA) * reachA + Math.abs(rateB) * reachB <= SAFE)) {
            return false;
        }
        double s00 = 0;
        double s10 = 0;
        double s01 = 0;
        double s11 = 0;
        for (int j = 0; j < classes; j++) {
            if (j == label) {
                continue;
            }
            double e = StrictMath.exp(logits[base + j] - logits[base + label]);
            boolean withX = (j == classA) != (label == classA);
            boolean withY = (j == classB) != (label == classB);
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
        ra[count] = rateA;
        rb[count] = rateB;
        w00[count] = s00;
        w10[count] = s10;
        w01[count] = s01;
        w11[count] = s11;
        count++;
        return true;
    }

    /**
     * Σ loss over the examples added, at every node: {@code [i][j]} at Δa = {@code da[i]}, Δb = {@code db[j]}. Both
     * must be equally spaced, and within the reaches given.
     */
    double[][] lossSums(double[] da, double[] db) {
        double[] x = powers(ra, da);
        double[] ratioX = ratios(ra, da);
        double[] ratioY = ratios(rb, db);
        double[][] y = new double[db.length][];
        y[0] = powers(rb, db);
        for (int j = 1; j < db.length; j++) {
            y[j] = new double[count];
            for (int m = 0; m < count; m++) {
                y[j][m] = y[j - 1][m] * ratioY[m];
            }
        }
        double[] u = new double[count];
        double[] v = new double[count];
        double[][] out = new double[da.length][db.length];
        for (int i = 0; i < da.length; i++) {
            for (int m = 0; m < count; m++) {
                u[m] = w00[m] + w10[m] * x[m];
                v[m] = w01[m] + w11[m] * x[m];
                x[m] *= ratioX[m];
            }
            for (int j = 0; j < db.length; j++) {
                out[i][j] = logProduct(u, v, y[j]);
            }
        }
        return out;
    }

    /** exp(rate_m · offsets[0]) for each example m: X or Y at the first node. */
    private double[] powers(double[] rates, double[] offsets) {
        double[] out = new double[count];
        for (int m = 0; m < count; m++) {
            out[m] = StrictMath.exp(rates[m] * offsets[0]);
        }
        return out;
    }

    /** exp(rate_m · step) for each example m: the ratio of X or Y from one node to the next. */
    private double[] ratios(double[] rates, double[] offsets) {
        double step = offsets.length < 2 ? 0 : (offsets[offsets.length - 1] - offsets[0]) / (offsets.length - 1);
        double[] out = new double[count];
        for (int m = 0; m < count; m++) {
            out[m] = StrictMath.exp(rates[m] * step);
        }
        return out;
    }

    /**
     * Σ_m log(1 + u_m + y_m·v_m), as log1p of q = Π(1 + R_m) − 1 in four interleaved chains (one multiply-add after
     * another would wait on each other's latency), joined at the end: (1 + q)(1 + q') − 1 = q + q' + q·q'.
     */
    private double logProduct(double[] u, double[] v, double[] y) {
        double sum = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int m = 0;
        for (; m + 3 < count; m += 4) {
            double r0 = u[m] + y[m] * v[m];
            double r1 = u[m + 1] + y[m + 1] * v[m + 1];
            double r2 = u[m + 2] + y[m + 2] * v[m + 2];
            double r3 = u[m + 3] + y[m + 3] * v[m + 3];
            q0 = q0 + r0 + q0 * r0;
            q1 = q1 + r1 + q1 * r1;
            q2 = q2 + r2 + q2 * r2;
            q3 = q3 + r3 + q3 * r3;
            if (q0 > FLUSH | q1 > FLUSH | q2 > FLUSH | q3 > FLUSH) {
                sum += StrictMath.log1p(q0) + StrictMath.log1p(q1) + StrictMath.log1p(q2) + StrictMath.log1p(q3);
                q0 = 0;
                q1 = 0;
                q2 = 0;
                q3 = 0;
            }
        }
        for (; m < count; m++) {
            double r = u[m] + y[m] * v[m];
            q0 = q0 + r + q0 * r;
            if (q0 > FLUSH) {
                sum += StrictMath.log1p(q0);
                q0 = 0;
            }
        }
        double q01 = q0 + q1 + q0 * q1;
        double q23 = q2 + q3 + q2 * q3;
        return sum + StrictMath.log1p(q01 + q23 + q01 * q23);
    }
}
