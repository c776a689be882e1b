package org.logitlab.render;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameters;

/**
 * The predicted class and its probability over a grid of cells covering [−6, 6]², and its picture: each cell
 * tinted with its predicted class's colour, stronger where the model is more confident.
 *
 * <p>Without an x1·x2 feature, exp(z_k) factors into a per-column and a per-row part ({@link LogitGrid#factors}),
 * so the probabilities of the whole grid take 2·K·cells exponentials; with it, each cell takes up to K − 1.
 *
 * <p>The picture is a palette PNG: each class's tint in {@link #levels} steps of confidence, so that all K·levels
 * colours fit in one byte per pixel (K = 5: 51 steps, one blend step ≈ 0.01, a change of at most 2 in any
 * colour channel).
 *
 * @param predicted  the predicted class of each cell, row-major with the top row (x2 = +6) first
 * @param confidence max_k p(y = k | x) of each cell, in [1/K, 1]
 */
public record ConfidenceField(int cells, int classes, int[] predicted, double[] confidence) {
    public static final int DEFAULT_CELLS = 100;
    /**
     * A class whose logit is this far below the winner's adds e^−16 ≈ 1.1e-7 or less to Σ exp(z_k − z_max), and is
     * left out: at most 8·1.1e-7 in confidence, against a picture step of at least 0.5/127 ≈ 0.004.
     */
    static final double NEGLIGIBLE = -16;
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN_2 = 0.6931471805599453;
    private static final double FAINTEST = 0.12;
    private static final double STRONGEST = 0.62;
    private static final byte[][] PALETTES = new byte[9][];

    static {
        for (int k = 2; k < PALETTES.length; k++) {
            PALETTES[k] = palette(k);
        }
    }

    public static ConfidenceField compute(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        int[] predicted = new int[cells * cells];
        double[] confidence = new double[cells * cells];
        scan(model, map, theta, cells, (i, best, p) -> {
            predicted[i] = best;
            confidence[i] = p;
        });
        return new ConfidenceField(cells, model.classes(), predicted, confidence);
    }

    /**
     * The picture alone, as a {@code data:} URI: the same pixels as {@code compute(…).dataUri()}, without keeping
     * the per-cell class and probability arrays that only tests and benchmarks need.
     */
    public static String dataUri(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        return dataUri(model, map, theta, cells, false);
    }

    /**
     * As {@link #dataUri(LogisticModel, FeatureMap, Parameters, int)}; {@code discrete} draws every cell in its
     * predicted class's strongest tint, whatever the confidence: crisp class regions.
     */
    public static String dataUri(LogisticModel model, FeatureMap map, Parameters theta, int cells, boolean discrete) {
        int classes = model.classes();
        int levels = levels(classes);
        double chance = 1.0 / classes;
        double scale = (levels - 1) / (1 - chance);
        byte[] indices = new byte[cells * cells];
        scan(model, map, theta, cells, (i, best, p) -> indices[i] = index(best, discrete ? 1 : p, levels, chance,
                scale));
        return PngEncoder.dataUri(PngEncoder.indexed(cells, cells, indices, PALETTES[classes]));
    }

    /** What {@link #scan} reports for each cell. */
    @FunctionalInterface
    private interface CellSink {
        void cell(int index, int predicted, double confidence);
    }

    /** Every cell's predicted class and its probability, row by row from the top. */
    private static void scan(LogisticModel model, FeatureMap map, Parameters theta, int cells, CellSink sink) {
        double[] xs = new double[cells];
        double[] ys = new double[cells];
        for (int i = 0; i < cells; i++) {
            xs[i] = PlotFrame.cellCentre(i, cells);
            ys[i] = -PlotFrame.cellCentre(i, cells);
        }
        LogitGrid grid = new LogitGrid(model, map, theta, xs, ys);
        LogitGrid.Factors factors = grid.factors();
        int[] winner = new int[cells];
        double[][] z = new double[grid.classes()][cells];
        // Along a row, exp(c_k·x2·x1) of an x1·x2 term goes up or down by the same ratio from column to column.
        double[] cross = factors.crossed() ? new double[grid.classes()] : null;
        double[] ratio = cross == null ? null : new double[grid.classes()];
        for (int row = 0; row < cells; row++) {
            grid.row(row, z);
            LogitGrid.winners(z, winner, 0);
            // A row whose x1·x2 factor starts or steps outside the normal range is computed directly: a running
            // product that began at 0 or in the subnormals has lost its digits for the whole row.
            boolean factored = cross == null || factors.crossRow(row, cross, ratio);
            for (int c = 0; c < cells; c++) {
                int best = winner[c];
                double p = factored ? factoredTop(factors, best, row, c, cross) : Double.NaN;
                sink.cell(row * cells + c, best, p > 0 ? p : top(z, best, c));
                if (cross != null) {
                    for (int k = 0; k < cross.length; k++) {
                        cross[k] *= ratio[k];
                    }
                }
            }
        }
    }

    /**
     * max_k softmax(z)_k from the factors: e_best / Σ_k e_k with e_k = columns[k][c] · rows[k][r], times
     * cross[k] = exp(c_k·x2·x1) at this point when some class has an x1·x2 term (else {@code cross} is null). NaN or 0
     * (so that the caller computes it directly) if the products underflow or overflow.
     */
    private static double factoredTop(LogitGrid.Factors f, int best, int row, int column, double[] cross) {
        double[][] columns = f.columns();
        double[][] rows = f.rows();
        double sum = 0;
        double top = 0;
        for (int k = 0; k < columns.length; k++) {
            double e = columns[k][column] * rows[k][row];
            if (cross != null) {
                // Below the normal range e may have lost its digits, or be 0 for a value that is not negligible:
                // harmless unless the x1·x2 factor lifts it (it is at most the smallest normal number otherwise, and
                // the sum is checked below). A factor that fell below the normal range along the row is as small.
                if (e < Double.MIN_NORMAL && cross[k] > 1) {
                    return Double.NaN;
                }
                e *= cross[k];
            }
            if (k == best) {
                top = e;
            }
            sum += e;
        }
        if (!(sum > 1e-290)) {
            return Double.NaN; // near or below the subnormal range: too few digits left
        }
        return top / sum;
    }

    /** max_k softmax(z)_k = 1 / Σ_k exp(z_k − z_max) at column c: the winner contributes exactly 1. */
    private static double top(double[][] z, int best, int c) {
        double top = z[best][c];
        double sum = 1;
        for (int k = 0; k < z.length; k++) {
            double d = z[k][c] - top;
            if (k != best && d > NEGLIGIBLE) {
                sum += shadeExp(d);
            }
        }
        return 1 / sum;
    }

    /**
     * e^d for d in [−16, 0], to a relative error under 3e-6: 2^(d·log2 e) split into an integer power of two, set
     * in the exponent bits, and 2^f for f in [0, 1) by its Taylor polynomial of degree 7. About four times
     * cheaper than {@link Math#exp}, and a picture with at most 256 colours cannot show the difference.
     */
    static double shadeExp(double d) {
        double x = d * LOG2_E;
        double whole = Math.floor(x);
        double f = (x - whole) * LN_2;
        double p = 1 + f * (1 + f * (1.0 / 2 + f * (1.0 / 6 + f * (1.0 / 24 + f * (1.0 / 120 + f * (1.0 / 720
                + f * (1.0 / 5040)))))));
        return p * Double.longBitsToDouble((long) ((int) whole + 1023) << 52);
    }

    /** Steps of confidence per class in the picture: as many as fit K classes into 256 palette colours. */
    public static int levels(int classes) {
        return 256 / classes;
    }

    /** Each cell's palette index: class k, step q ↦ k·levels + q, q rising with confidence above chance (1/K). */
    public byte[] indices() {
        int levels = levels(classes);
        double chance = 1.0 / classes;
        double scale = (levels - 1) / (1 - chance);
        byte[] out = new byte[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(predicted[i], confidence[i], levels, chance, scale);
        }
        return out;
    }

    private static byte index(int predicted, double confidence, int levels, double chance, double scale) {
        int q = (int) ((confidence - chance) * scale + 0.5);
        return (byte) (predicted * levels + Math.max(0, Math.min(levels - 1, q)));
    }

    /** The cell colours (0xRRGGBB) the picture shows. */
    public int[] colours() {
        byte[] palette = PALETTES[classes];
        byte[] indices = indices();
        int[] rgb = new int[indices.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = 3 * (indices[i] & 0xFF);
            rgb[i] = (palette[p] & 0xFF) << 16 | (palette[p + 1] & 0xFF) << 8 | palette[p + 2] & 0xFF;
        }
        return rgb;
    }

    public byte[] png() {
        return PngEncoder.indexed(cells, cells, indices(), PALETTES[classes]);
    }

    /** The picture as a {@code data:} URI for an SVG {@code <image>}. */
    public String dataUri() {
        return PngEncoder.dataUri(png());
    }

    /** White blended towards each class's colour, from faint at chance to strong at certainty. */
    private static byte[] palette(int classes) {
        int levels = levels(classes);
        byte[] plte = new byte[3 * classes * levels];
        for (int k = 0; k < classes; k++) {
            int c = Palette.rgb(k);
            for (int q = 0; q < levels; q++) {
                double alpha = FAINTEST + (STRONGEST - FAINTEST) * q / (levels - 1);
                int i = 3 * (k * levels + q);
                plte[i] = (byte) blend(c >>> 16 & 0xFF, alpha);
                plte[i + 1] = (byte) blend(c >>> 8 & 0xFF, alpha);
                plte[i + 2] = (byte) blend(c & 0xFF, alpha);
            }
        }
        return plte;
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(255 * (1 - alpha) + channel * alpha);
    }
}
