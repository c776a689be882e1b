package org.logitlab.render;

/**
 * How a grid of J values is shown: a colour per node and contour lines, both on one scale s(J) in [0, 1] from the
 * grid's lowest J to its highest.
 *
 * <p>The scale is linear in J, or linear in log J when the grid spans {@link #LOG_RATIO} or more (two orders of
 * magnitude), as it does around a minimum with steep walls: a linear scale would show the whole valley in one
 * colour. The colours are viridis (perceptually uniform, colour-blind safe, legible in grey) reversed, so that low J
 * is light and high J is dark; its 17 stops are matplotlib's, interpolated linearly in sRGB into 256 palette colours
 * (within 6 of 255 of matplotlib's own 256). The {@link Landscape#CONTOUR_LEVELS} contour lines lie at s = (m + ½) /
 * levels, evenly spaced on the same scale, so that each separates two equal bands of colour.
 *
 * @param low      the grid's lowest J
 * @param high     the grid's highest J
 * @param logScale whether s is linear in log J
 */
record LandscapePicture(double low, double high, boolean logScale) {
    static final double LOG_RATIO = 100;
    private static final int[] VIRIDIS = {0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E,
        0x26828E, 0x21918C, 0x1FA088, 0x28AE80, 0x3FBC73, 0x5EC962, 0x84D44B, 0xADDC30, 0xD8E219, 0xFDE725};
    private static final byte[] PALETTE = palette();

    static LandscapePicture of(double[][] objective) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] column : objective) {
            for (double j : column) {
                low = Math.min(low, j);
                high = Math.max(high, j);
            }
        }
        return new LandscapePicture(low, high, low > 0 && high / low >= LOG_RATIO);
    }

    /** s(J) in [0, 1]; 0 everywhere on a flat grid. */
    double scale(double j) {
        if (!(high > low)) {
            return 0;
        }
        return logScale ? StrictMath.log(j / low) / StrictMath.log(high / low) : (j - low) / (high - low);
    }

    /** The J where s(J) = {@code s}. */
    double objectiveAt(double s) {
        return logScale ? low * StrictMath.exp(s * StrictMath.log(high / low)) : low + s * (high - low);
    }

    /** J at s = (m + ½) / count for m = 0 … count − 1; none on a flat grid. */
    double[] levels(int count) {
        if (!(high > low)) {
            return new double[0];
        }
        double[] out = new double[count];
        for (int m = 0; m < count; m++) {
            out[m] = objectiveAt((m + 0.5) / count);
        }
        return out;
    }

    /** The palette index of every node, one PNG pixel each: node (i, j) at column i, row size − 1 − j. */
    byte[] indices(double[][] objective) {
        int size = objective.length;
        byte[] out = new byte[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                out[(size - 1 - j) * size + i] = (byte) Math.round(255 * scale(objective[i][j]));
            }
        }
        return out;
    }

    String dataUri(double[][] objective) {
        int size = objective.length;
        return PngEncoder.dataUri(PngEncoder.indexed(size, size, indices(objective), PALETTE));
    }

    /**
     * Every level's contour as SVG path data, traced over the nodes by {@link MarchingSquares}.
     *
     * @param xs the SVG x of each a node, @param ys the SVG y of each b node
     */
    String contours(double[][] objective, double[] levels, double[] xs, double[] ys) {
        int size = objective.length;
        MarchingSquares squares = new MarchingSquares(xs, ys);
        StringBuilder out = new StringBuilder();
        for (double level : levels) {
            for (int j = 0; j + 1 < size; j++) {
                for (int i = 0; i + 1 < size; i++) {
                    squares.cell(j * size + i, objective[i][j] - level, objective[i + 1][j] - level,
                            objective[i][j + 1] - level, objective[i + 1][j + 1] - level);
                }
            }
            squares.chain(v -> objective[v % size][v / size] - level, out);
        }
        return out.toString();
    }

    /** Colour 0 (lowest J) is viridis's lightest end, colour 255 its darkest. */
    private static byte[] palette() {
        byte[] out = new byte[3 * 256];
        int stops = VIRIDIS.length - 1;
        for (int q = 0; q < 256; q++) {
            double p = (255 - q) / 255.0 * stops;
            int s = Math.min((int) p, stops - 1);
            double f = p - s;
            for (int channel = 0; channel < 3; channel++) {
                int shift = 16 - 8 * channel;
                int from = VIRIDIS[s] >>> shift & 0xFF;
                int to = VIRIDIS[s + 1] >>> shift & 0xFF;
                out[3 * q + channel] = (byte) Math.round(from + f * (to - from));
            }
        }
        return out;
    }
}
