package org.logitlab.render;

import java.util.Base64;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
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
        double[] phi = new double[map.size()];
        double[] z = new double[model.rows()];
        double[] p = new double[model.classes()];
        for (int row = 0; row < cells; row++) {
            double x2 = -PlotFrame.cellCentre(row, cells);
            for (int col = 0; col < cells; col++) {
                double x1 = PlotFrame.cellCentre(col, cells);
                map.apply(x1, x2, phi, 0);
                model.logits(theta, phi, 0, z);
                model.probabilities(z, p);
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                predicted[row * cells + col] = best;
                confidence[row * cells + col] = p[best];
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
