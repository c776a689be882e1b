package org.logitlab.render;

import java.util.Base64;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Numerics;
import org.logitlab.core.Parameters;

/**
 * The predicted class and its probability over a grid of cells covering [−6, 6]², and its picture: each cell
 * tinted with its predicted class's colour, stronger where the model is more confident.
 *
 * @param predicted  the predicted class of each cell, row-major with the top row (x2 = +6) first
 * @param confidence max_k p(y = k | x) of each cell, in [1/K, 1]
 */
public record ConfidenceField(int cells, int classes, int[] predicted, double[] confidence) {
    public static final int DEFAULT_CELLS = 100;

    public static ConfidenceField compute(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        int[] predicted = new int[cells * cells];
        double[] confidence = new double[cells * cells];
        double[] xs = new double[cells];
        double[] ys = new double[cells];
        for (int i = 0; i < cells; i++) {
            xs[i] = PlotFrame.cellCentre(i, cells);
            ys[i] = -PlotFrame.cellCentre(i, cells);
        }
        GridFeatures grid = new GridFeatures(map, xs, ys);
        double[] phi = new double[map.size()];
        double[] z = new double[model.rows()];
        boolean sigmoid = model.rows() == 1;
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                grid.fill(row, col, phi);
                model.logits(theta, phi, 0, z);
                int best = model.predict(z);
                double p;
                if (sigmoid) {
                    p = Numerics.sigmoid(best == 1 ? z[0] : -z[0]);
                } else {
                    // max_k softmax(z)_k = 1 / Σ_k exp(z_k − z_best): no logarithm needed.
                    double sum = 0;
                    for (double zk : z) {
                        sum += StrictMath.exp(zk - z[best]);
                    }
                    p = 1 / sum;
                }
                predicted[row * cells + col] = best;
                confidence[row * cells + col] = p;
            }
        }
        return new ConfidenceField(cells, model.classes(), predicted, confidence);
    }

    /** Cell colours: white blended towards the class colour by how far confidence rises above chance (1/K). */
    public int[] colours() {
        int[] rgb = new int[predicted.length];
        double chance = 1.0 / classes;
        for (int i = 0; i < rgb.length; i++) {
            double certainty = (confidence[i] - chance) / (1 - chance);
            double alpha = 0.12 + 0.5 * Math.max(0, Math.min(1, certainty));
            int c = Palette.rgb(predicted[i]);
            rgb[i] = blend(c >>> 16 & 0xFF, alpha) << 16 | blend(c >>> 8 & 0xFF, alpha) << 8 | blend(c & 0xFF, alpha);
        }
        return rgb;
    }

    public byte[] png() {
        return PngEncoder.encode(cells, cells, colours());
    }

    /** The picture as a {@code data:} URI for an SVG {@code <image>}. */
    public String dataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png());
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(255 * (1 - alpha) + channel * alpha);
    }
}
