import java.util.Base64;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.render.ConfidenceField;
import org.logitlab.render.DecisionBoundaries;
import org.logitlab.render.Palette;
import org.logitlab.render.PlotFrame;
import org.logitlab.render.PngEncoder;

/**
 * Rough per-call cost of the confidence-field picture that every htmx step re-renders (K = 5 softmax, linear
 * features, 100 x 100 cells), next to a cheaper way to get the same picture. Not part of the build: run with
 *
 *   java -cp target/logitlab.jar bench/load/FieldCost.java
 *
 * It only calls the jar's public classes. Numbers are medians of several timed rounds after warm-up; on a shared
 * machine compare the rows with each other rather than trusting the absolute values.
 */
public final class FieldCost {
    static volatile Object sink;

    public static void main(String[] args) {
        LogisticModel model = new LogisticModel(5, Parameterization.SOFTMAX, 2);
        FeatureMap map = FeatureMap.LINEAR;
        Parameters theta = Parameters.ofRows(
                new double[][] {{1.10, 1.14}, {-0.72, 1.40}, {-1.30, -0.21}, {-0.21, -1.30}, {1.20, -0.58}},
                new double[] {0.001, -0.002, 0.0005, 0.0003, 0.0002});
        int cells = ConfidenceField.DEFAULT_CELLS;
        ConfidenceField field = ConfidenceField.compute(model, map, theta, cells);

        Runnable compute = () -> sink = ConfidenceField.compute(model, map, theta, cells);
        Runnable colours = () -> sink = field.colours();
        Runnable png = () -> sink = field.png();
        Runnable dataUri = () -> sink = field.dataUri();
        Runnable wholeField = () -> sink = ConfidenceField.compute(model, map, theta, cells).dataUri();
        Runnable wholeField50 = () -> sink = ConfidenceField.compute(model, map, theta, 50).dataUri();
        Runnable boundaries = () -> sink = DecisionBoundaries.path(model, map, theta);
        Runnable fastCompute = () -> sink = fastField(model, map, theta, cells);
        Runnable fastWhole = () -> {
            int[] rgb = fastField(model, map, theta, cells);
            sink = "data:image/png;base64," + Base64.getEncoder().encodeToString(PngEncoder.encode(cells, cells, rgb));
        };
        Runnable strictExp = () -> {
            double s = 0;
            for (int i = 0; i < 100_000; i++) {
                s += StrictMath.exp(-i * 1e-5);
            }
            sink = s;
        };
        Runnable mathExp = () -> {
            double s = 0;
            for (int i = 0; i < 100_000; i++) {
                s += Math.exp(-i * 1e-5);
            }
            sink = s;
        };

        String[] names = {"ConfidenceField.compute (current)", "  .colours()", "  .png()", "  .dataUri() (png+base64)",
            "field total: compute+dataUri (current)", "field total at 50x50 cells instead of 100x100",
            "DecisionBoundaries.path", "field: argmax + Math.exp, K-1 exps",
            "field total with that + same PNG", "100k StrictMath.exp (current field does ~2K per cell = 100k)",
            "100k Math.exp"};
        Runnable[] tasks = {compute, colours, png, dataUri, wholeField, wholeField50, boundaries, fastCompute, fastWhole, strictExp,
            mathExp};
        for (int w = 0; w < 3; w++) {
            for (Runnable t : tasks) {
                time(t, 300);
            }
        }
        System.out.printf("%-62s %10s%n", "per call (median of 7 rounds x 200 calls)", "ms");
        for (int i = 0; i < tasks.length; i++) {
            double[] rounds = new double[7];
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = time(tasks[i], 200);
            }
            java.util.Arrays.sort(rounds);
            System.out.printf("%-62s %10.3f%n", names[i], rounds[rounds.length / 2]);
        }
        System.out.println("png bytes " + field.png().length + ", data URI chars " + field.dataUri().length());
    }

    private static double time(Runnable task, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            task.run();
        }
        return (System.nanoTime() - t0) / 1e6 / calls;
    }

    /**
     * The same cell colours as ConfidenceField.compute(...).colours(): the predicted class is the arg max of the
     * logits (no exponentials), and its probability is 1 / sum_k exp(z_k - z_max), K - 1 exponentials with the
     * JIT's Math.exp instead of 2K with StrictMath.exp (a picture does not need bit-for-bit reproducible exp).
     */
    static int[] fastField(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
        int[] rgb = new int[cells * cells];
        double[] phi = new double[map.size()];
        double[] z = new double[model.rows()];
        int classes = model.classes();
        double chance = 1.0 / classes;
        for (int row = 0; row < cells; row++) {
            double x2 = -PlotFrame.cellCentre(row, cells);
            for (int col = 0; col < cells; col++) {
                map.apply(PlotFrame.cellCentre(col, cells), x2, phi, 0);
                model.logits(theta, phi, 0, z);
                int best = 0;
                for (int k = 1; k < z.length; k++) {
                    if (z[k] > z[best]) {
                        best = k;
                    }
                }
                double sum = 1;
                for (int k = 0; k < z.length; k++) {
                    if (k != best) {
                        sum += Math.exp(z[k] - z[best]);
                    }
                }
                double certainty = (1 / sum - chance) / (1 - chance);
                double alpha = 0.12 + 0.5 * Math.max(0, Math.min(1, certainty));
                int c = Palette.rgb(best);
                rgb[row * cells + col] = blend(c >>> 16 & 0xFF, alpha) << 16 | blend(c >>> 8 & 0xFF, alpha) << 8
                        | blend(c & 0xFF, alpha);
            }
        }
        return rgb;
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(255 * (1 - alpha) + channel * alpha);
    }
}
