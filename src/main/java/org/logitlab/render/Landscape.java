package org.logitlab.render;

import org.logitlab.core.Objective;
import org.logitlab.core.PairPath;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameters;

/**
 * The loss landscape: the training objective J = (1/N) Σ L_CE + (λ/2) Σ w² + λ₁ Σ |w| (biases not penalized) over a
 * size × size grid of two parameters a and b, every other parameter held at θ, with its picture.
 *
 * <p>The picture is a square of {@link #SIDE} SVG units: a (node i) runs left to right and b (node j) bottom to top,
 * one PNG pixel per node centred on it ({@link #x}, {@link #y}). It has the shading ({@link #dataUri}, see
 * {@link LandscapePicture} for the colours and when they are log-scaled) and {@link #CONTOUR_LEVELS} contour lines
 * ({@link #contours}, at {@link #levels}); the path, the current point and the arrow go on top as SVG in the same
 * coordinates ({@link #pathData}, {@link #arrowEnd}).
 *
 * @param objective J at every node: {@code objective[i][j]} is J at a = {@code a.values[i]}, b = {@code b.values[j]}
 * @param levels    J on each contour line, rising
 * @param logScale  whether the shading and the levels are spaced evenly in log J rather than J
 * @param dataUri   the shading as a {@code data:image/png} URI, for an SVG {@code <image>} of SIDE × SIDE
 * @param contours  SVG path data of every contour line
 */
public record Landscape(Axis a, Axis b, double[][] objective, double[] levels, boolean logScale, String dataUri,
                        String contours) {
    public static final int MIN_SIZE = 3;
    public static final int MAX_SIZE = 101;
    public static final int DEFAULT_SIZE = 41;
    public static final double SIDE = 400;
    public static final int CONTOUR_LEVELS = 10;
    /** The arrow's length in SVG units: its direction is the information, |∇J| is shown as a number elsewhere. */
    public static final double ARROW = SIDE / 5;
    /** Consecutive path points closer than this (SVG units) are drawn as one. */
    static final double PATH_RESOLUTION = 0.5;

    /**
     * One axis: the parameter, its grid values, and where θ is on it.
     *
     * @param values   the grid's values of this parameter, rising by equal steps; {@code values[current]} is exactly
     *                 θ's value
     * @param gradient ∂J/∂(this parameter) at θ, including λw and λ₁·sign(w) for a weight
     * @param path     the parameter's value at each step from 0 (may be empty)
     */
    public record Axis(ParameterIndex parameter, double[] values, int current, double gradient, double[] path) {
        /** The smallest span of an axis, so that a run at its start still shows the surface around it. */
        static final double MIN_SPAN = 1.0;
        /** How far the one-dimensional Newton target may pull the range from the current value. */
        static final double NEWTON_REACH = 2.0;
        /** Room left beyond what must be shown, as a fraction of its extent on each side. */
        static final double MARGIN = 0.1;

        /**
         * The grid range. What must be shown is the path, the current value v, and v − g/H, where J along this axis
         * alone would bottom out if it were the parabola with J's slope g and curvature H at θ (at most
         * {@link #NEWTON_REACH} away). The span is {@link #MARGIN} more than their extent on each side and at least
         * {@link #MIN_SPAN}, centred on them; then the grid is moved by under half a step so that v is a node:
         * values[j] = v + (j − c)·h with h = span / (size − 1). The span is widened by (size − 1) / (size − 2) so
         * that this move never leaves a shown value outside.
         */
        static Axis around(ParameterIndex parameter, double current, double[] path, double gradient,
                           double curvature, int size) {
            double newton = curvature > 0 ? -gradient / curvature : -Math.signum(gradient) * NEWTON_REACH;
            double target = current + Math.max(-NEWTON_REACH, Math.min(NEWTON_REACH, newton));
            double low = Math.min(current, target);
            double high = Math.max(current, target);
            for (double p : path) {
                low = Math.min(low, p);
                high = Math.max(high, p);
            }
            double span = Math.max(MIN_SPAN, (1 + 2 * MARGIN) * (high - low) * (size - 1) / (size - 2));
            double h = span / (size - 1);
            int c = (int) Math.round((current - ((low + high) / 2 - span / 2)) / h);
            double[] values = new double[size];
            for (int j = 0; j < size; j++) {
                values[j] = current + (j - c) * h;
            }
            return new Axis(parameter, values, c, gradient, path.clone());
        }

        public double step() {
            return (values[values.length - 1] - values[0]) / (values.length - 1);
        }

        /** Where {@code value} is along the picture's side, from the outer edge of the first node's pixel. */
        double offset(double value) {
            return ((value - values[0]) / step() + 0.5) * SIDE / values.length;
        }
    }

    /**
     * Computes the landscape of parameters {@code a} and {@code b} around θ.
     *
     * @param l1   the L1 strength λ₁ (0 for none): J gains λ₁ Σ |w| over the weights
     * @param path the two parameters' values at each step from 0 (see {@link PairPath#replay}), to be shown and
     *             drawn; may be empty
     * @param size nodes per side, {@link #MIN_SIZE} to {@link #MAX_SIZE}
     */
    public static Landscape compute(Objective objective, Parameters theta, double l2, double l1, ParameterIndex a,
                                    ParameterIndex b, PairPath path, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be from " + MIN_SIZE + " to " + MAX_SIZE);
        }
        a.checkIn(theta);
        b.checkIn(theta);
        if (a.equals(b)) {
            throw new IllegalArgumentException("a and b must be two different parameters");
        }
        LandscapeGrid grid = new LandscapeGrid(objective, theta, l2, l1, a, b);
        Axis axisA = Axis.around(a, a.valueIn(theta), path.a(), grid.gradientA(), grid.curvatureA(), size);
        Axis axisB = Axis.around(b, b.valueIn(theta), path.b(), grid.gradientB(), grid.curvatureB(), size);
        double[][] j = grid.objective(axisA.values(), axisB.values());
        LandscapePicture picture = LandscapePicture.of(j);
        double[] levels = picture.levels(CONTOUR_LEVELS);
        double[] xs = new double[size];
        double[] ys = new double[size];
        for (int i = 0; i < size; i++) {
            xs[i] = (i + 0.5) * SIDE / size;
            ys[i] = SIDE - xs[i];
        }
        return new Landscape(axisA, axisB, j, levels, picture.logScale(), picture.dataUri(j),
                picture.contours(j, levels, xs, ys));
    }

    /** The picture's x (SVG units) of a value of parameter a. */
    public double x(double aValue) {
        return a.offset(aValue);
    }

    /** The picture's y (SVG units, downward) of a value of parameter b. */
    public double y(double bValue) {
        return SIDE - b.offset(bValue);
    }

    /** J at θ itself, the node (a.current, b.current). */
    public double currentObjective() {
        return objective[a.current()][b.current()];
    }

    /**
     * Where the arrow from the current point ends, {x, y}: along −(∂J/∂a, ∂J/∂b) drawn in the picture's own scales,
     * so that it points where a gradient step moves these two parameters, {@link #ARROW} long. At the current point
     * itself when both derivatives are 0.
     */
    public double[] arrowEnd() {
        double x = x(a.values()[a.current()]);
        double y = y(b.values()[b.current()]);
        double dx = -a.gradient() / a.step();
        double dy = b.gradient() / b.step();
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return new double[] {x, y};
        }
        return new double[] {x + ARROW * dx / length, y + ARROW * dy / length};
    }

    /**
     * The path as SVG path data (M, then L per point), with points closer than {@link #PATH_RESOLUTION} to the last
     * one drawn left out (the final point is always drawn); empty without a path.
     */
    public String pathData() {
        double[] pa = a.path();
        double[] pb = b.path();
        StringBuilder out = new StringBuilder();
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int t = 0; t < pa.length; t++) {
            double px = x(pa[t]);
            double py = y(pb[t]);
            boolean close = Math.abs(px - lastX) < PATH_RESOLUTION && Math.abs(py - lastY) < PATH_RESOLUTION;
            if (close && t < pa.length - 1) {
                continue;
            }
            PlotFrame.append(out.append(t == 0 ? 'M' : 'L'), px).append(' ');
            PlotFrame.append(out, py);
            lastX = px;
            lastY = py;
        }
        return out.toString();
    }
}
