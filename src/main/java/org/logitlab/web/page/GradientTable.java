package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.render.Palette;

/**
 * The gradient table: one row per weight vector, one cell per feature plus the bias, each with the weight, ∂J/∂w,
 * the update −η·∂J/∂w the next step applies, and how much the last step moved it.
 */
public final class GradientTable {
    /** One parameter's cell. {@code i == features} is the bias. */
    public record Cell(int k, int i, String weight, String gradient, double gradientValue, String update, String moved,
                String style) {
        /** "k,i", the cell's {@code data-weight}. */
        public String key() {
            return k + "," + i;
        }
    }

    /** One weight vector. */
    public record Row(int k, String label, String colour, List<Cell> cells) {
    }

    private GradientTable() {
    }

    static List<Row> rows(RunSnapshot s) {
        Parameters theta = s.parameters();
        Parameters g = s.evaluation().gradient();
        Parameters before = s.previous();
        double eta = s.hyperparameters().learningRate();
        FeatureMap map = s.config().features();
        int d = theta.dimension();
        double largest = 0;
        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i <= d; i++) {
                largest = Math.max(largest, Math.abs(g.get(r, i)));
            }
        }
        List<Row> rows = new ArrayList<>();
        boolean sigmoid = s.config().parameterization() == Parameterization.SIGMOID;
        for (int r = 0; r < theta.rows(); r++) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i <= d; i++) {
                double gradient = g.get(r, i);
                String moved = before == null ? "" : Numbers.signed(theta.get(r, i) - before.get(r, i), 3);
                cells.add(new Cell(r, i, Numbers.sig(theta.get(r, i), 4), Numbers.sig(gradient, 4), gradient,
                        Numbers.signed(-eta * gradient, 3), moved, style(gradient, largest)));
            }
            int classIndex = sigmoid ? 1 : r;
            rows.add(new Row(r, sigmoid ? "w" : "w" + FeatureLabels.subscript(r + 1), Palette.colour(classIndex), cells));
        }
        return rows;
    }

    /** Red for a positive gradient (the weight will fall), blue for negative; stronger for larger |g|. */
    private static String style(double gradient, double largest) {
        if (largest == 0 || gradient == 0) {
            return "";
        }
        double strength = Math.sqrt(Math.abs(gradient) / largest);
        String rgb = gradient > 0 ? "213,94,0" : "0,114,178";
        return "background-color: rgba(" + rgb + "," + String.format(java.util.Locale.ROOT, "%.2f", 0.08 + 0.4
                * strength) + ")";
    }

    static List<String> headers(FeatureMap map) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            out.add(FeatureLabels.text(map.get(i)));
        }
        return out;
    }
}
