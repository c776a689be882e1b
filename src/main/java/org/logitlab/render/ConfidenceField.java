package org.logitlab.render;

import java.util.Arrays;

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
        scan(model, map, theta, cells, (row, rowPredicted, rowConfidence) -> {
            System.arraycopy(rowPredicted, 0, predicted, row * cells, cells);
            System.arraycopy(rowConfidence, 0, confidence, row * cells, cells);
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
        scan(model, map, theta, cells, (row, predicted, confidence) -> {
            for (int c = 0, i = row * cells; c < cells; c++, i++) {
                indices[i] = index(predicted[c], discrete ? 1 : confidence[c], levels, chance, scale);
            }
        });
        return PngEncoder.dataUri(PngEncoder.indexed(cells, cells, indices, PALETTES[classes]));
    }

    /**
     * What {@link #scan} reports for each grid row: each column's predicted class and its probability, in arrays
     * that the scan reuses for the next row (valid only during the call).
     */
    @FunctionalInterface
    private interface RowSink {
        void row(int row, int[] predicted, double[] confidence);
    }

    /**
     * Every cell's predicted class and its probability, row by row from the top. Each row is computed a class at a
     * time over all its columns (logits, winners, the factored softmax): simple loops over arrays, where going cell by
     * cell took a loop over the classes per cell for each of them. Every cell sees the same operations in the same
     * order as it would alone, so the result does not depend on the grouping.
     */
    private static void scan(LogisticModel model, FeatureMap map, Parameters theta, int cells, RowSink sink) {
        LogitGrid grid = grid(model, map, theta, cells);
        LogitGrid.Factors factors = grid.factors();
        int classes = grid.classes();
        int[] winner = new int[cells];
        double[] zMax = new double[cells];
        double[] sum = new double[cells];
        double[] p = new double[cells];
        double[][] z = new double[classes][cells];
        // Along a row, exp(c_k·x2·x1) of an x1·x2 term goes up or down by the same ratio from column to column.
        boolean crossed = factors.crossed();
        double[] first = crossed ? new double[classes] : null;
        double[] ratio = crossed ? new double[classes] : null;
        double[][] along = crossed ? new double[classes][cells] : null;
        for (int row = 0; row < cells; row++) {
            grid.row(row, z);
            LogitGrid.winners(z, winner, 0, zMax);
            // A row whose x1·x2 factor starts or steps outside the normal range is computed directly: a running
            // product that began at 0 or in the subnormals has lost its digits for the whole row.
            if (!crossed) {
                factoredTops(factors, winner, row, null, sum, p);
            } else if (factors.crossRow(row, first, ratio)) {
                for (int k = 0; k < classes; k++) {
                    double[] factor = along[k];
                    double x = first[k];
                    for (int c = 0; c < cells; c++) {
                        factor[c] = x;
                        x *= ratio[k];
                    }
                }
                factoredTops(factors, winner, row, along, sum, p);
            } else {
                Arrays.fill(p, Double.NaN);
            }
            for (int c = 0; c < cells; c++) {
                if (!(p[c] > 0)) {
                    p[c] = directTop(z, zMax[c], winner[c], c);
                }
            }
            sink.row(row, winner, p);
        }
    }

    /** The logits at the centres of {@code cells}² cells, rows from the top (x2 = +6) down. */
    static LogitGrid grid(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        double[] xs = new double[cells];
        double[] ys = new double[cells];
        for (int i = 0; i < cells; i++) {
            xs[i] = PlotFrame.cellCentre(i, cells);
            ys[i] = -PlotFrame.cellCentre(i, cells);
        }
        return new LogitGrid(model, map, theta, xs, ys);
    }

    /**
     * max_k softmax(z)_k along grid row {@code row} from the factors, into {@code p}: e_best / Σ_k e_k with
     * e_k = columns[k][c] · rows[k][r], times along[k][c] = exp(c_k·x2·x1) at each point when some class has an
     * x1·x2 term (else {@code along} is null). NaN or 0 (so that the caller computes it directly) where the products
     * underflow or overflow. {@code sum} is scratch space.
     */
    private static void factoredTops(LogitGrid.Factors f, int[] winner, int row, double[][] along, double[] sum,
                                     double[] p) {
        double[][] columns = f.columns();
        double[][] rows = f.rows();
        int width = p.length;
        Arrays.fill(sum, 0);
        Arrays.fill(p, 0); // until the last loop, NaN marks a cell given up
        for (int k = 0; k < columns.length; k++) {
            double[] column = columns[k];
            double r = rows[k][row];
            if (along == null) {
                for (int c = 0; c < width; c++) {
                    sum[c] += column[c] * r;
                }
            } else {
                double[] cross = along[k];
                for (int c = 0; c < width; c++) {
                    double e = column[c] * r;
                    // Below the normal range e may have lost its digits, or be 0 for a value that is not negligible:
                    // harmless unless the x1·x2 factor lifts it (it is at most the smallest normal number
                    // otherwise, and the sum is checked below). A factor that fell below the normal range along the
                    // row is as small.
                    if (e < Double.MIN_NORMAL && cross[c] > 1) {
                        p[c] = Double.NaN;
                    }
                    sum[c] += e * cross[c];
                }
            }
        }
        for (int c = 0; c < width; c++) {
            int best = winner[c];
            double e = columns[best][c] * rows[best][row];
            if (along != null) {
                e *= along[best][c];
            }
            // Near or below the subnormal range the sum has too few digits left.
            p[c] = p[c] == 0 && sum[c] > 1e-290 ? e / sum[c] : Double.NaN;
        }
    }

    /**
     * max_k softmax(z)_k = 1 / Σ_k exp(z_k − z_max) at column c, where class {@code best} wins with logit
     * {@code top}: the winner contributes exactly 1.
     */
    private static double directTop(double[][] z, double top, int best, int c) {
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
