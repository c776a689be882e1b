package org.logitlab.render;

/**
 * The plot's coordinate frame: data space [−6, 6]² mapped onto an SVG square of {@link #SIZE} units with room
 * for the axes. y grows upward in data space and downward in SVG space.
 */
public final class PlotFrame {
    public static final double EXTENT = 6.0;
    public static final double SIZE = 640;
    public static final double LEFT = 46;
    public static final double TOP = 12;
    public static final double SPAN = 580;

    private PlotFrame() {
    }

    public static double px(double x1) {
        return LEFT + (x1 + EXTENT) / (2 * EXTENT) * SPAN;
    }

    public static double py(double x2) {
        return TOP + (EXTENT - x2) / (2 * EXTENT) * SPAN;
    }

    /** Data coordinate of cell centre {@code i} of a {@code cells}-wide grid over [−6, 6]. */
    public static double cellCentre(int i, int cells) {
        return -EXTENT + (i + 0.5) * (2 * EXTENT) / cells;
    }

    /** A coordinate rounded to 0.01 SVG units, as short text: 12, 12.5, 12.05, −0.3. */
    public static String fmt(double v) {
        return append(new StringBuilder(8), v).toString();
    }

    /** Appends {@link #fmt}'s text for {@code v} without making a string of it first. */
    public static StringBuilder append(StringBuilder out, double v) {
        long r = Math.round(v * 100);
        if (r < 0) {
            out.append('-');
            r = -r;
        }
        out.append(r / 100);
        long frac = r % 100;
        if (frac != 0) {
            out.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                out.append(frac % 10);
            }
        }
        return out;
    }
}
