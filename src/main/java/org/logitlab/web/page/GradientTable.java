package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.core.RunSnapshot;
import org.logitlab.render.Palette;

/**
 * The gradient table: one row per weight vector, one cell per feature plus the bias, each with the weight, ∂J/∂w,
 * the update the next step applies, and how much the last step moved it. Without L1 the update is −η·∂J/∂w; with
 * λ₁ > 0 it is the proximal step's whole change, w′ − w with w′ = S(w − η·∂J_smooth/∂w, ηλ₁) ({@link ProximalUpdate}),
 * and a weight that is exactly 0 is marked ({@code zero}), since L1 makes zeros that stay.
 */
final class GradientTable {
    /**
     * One weight vector: its {@code label} (w₂, or w with one vector), its class's {@code colour}, and its cells'
     * markup, already escaped ({@link GradientCells}), which the template puts in as it is.
     */
    record Row(String label, String colour, String cellsHtml) {
    }

    /**
     * One parameter's cell: {@code key} "k,i" ({@code i} = number of features is the bias), the shown
     * {@code weight}, {@code gradient} and {@code update}, {@code moved} (null at step 0), the exact
     * {@code gradientValue}, its background {@code style} (empty for none), its {@code label} for screen readers,
     * and {@code zero} (a weight that L1 holds at exactly 0; the label says it too). Every text but {@code moved} is
     * non-null.
     */
    record Cell(String key, String weight, String gradient, double gradientValue, String update, String moved,
                String style, String label, boolean zero) {
        Cell {
            Objects.requireNonNull(key);
            Objects.requireNonNull(weight);
            Objects.requireNonNull(gradient);
            Objects.requireNonNull(update);
            Objects.requireNonNull(style);
            Objects.requireNonNull(label);
        }
    }

    private GradientTable() {
    }

    /** The table's rows, one per weight vector. */
    static List<Row> rows(RunSnapshot s, Locale locale) {
        Parameters theta = s.parameters();
        Parameters g = s.evaluation().gradient();
        Parameters before = s.previous();
        Hyperparameters hp = s.hyperparameters();
        boolean l1 = hp.l1() > 0;
        int d = theta.dimension();
        double largest = 0;
        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i <= d; i++) {
                largest = Math.max(largest, Math.abs(g.get(r, i)));
            }
        }
        List<Row> rows = new ArrayList<>();
        GradientCells markup = new GradientCells(locale, l1);
        boolean sigmoid = s.config().parameterization() == Parameterization.SIGMOID;
        List<String> features = headers(s.config().features());
        for (int r = 0; r < theta.rows(); r++) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i <= d; i++) {
                double gradient = g.get(r, i);
                String moved = before == null ? null : Numbers.signed(theta.get(r, i) - before.get(r, i), 3);
                // The real change, next − w, once L1 shrinks; else exactly −η·g as the step computes it.
                double update = l1 ? ProximalUpdate.of(theta, g, hp, r, i).next() - theta.get(r, i)
                        : -hp.learningRate() * gradient;
                boolean zero = l1 && i < d && theta.get(r, i) == 0.0;
                cells.add(cell(r, i, theta.get(r, i), gradient, update, moved, style(gradient, largest),
                        about(sigmoid, r, i, features, locale), zero, locale));
            }
            int classIndex = sigmoid ? 1 : r;
            rows.add(new Row(sigmoid ? "w" : "w" + FeatureLabels.subscript(r + 1), Palette.colour(classIndex),
                    markup.write(cells)));
        }
        return rows;
    }

    /** Which parameter a cell is, for screen readers: its name and what it belongs to, e.g. w₂,₁ and "class 2, feature x₁". */
    private static Parameter about(boolean sigmoid, int k, int i, List<String> features, Locale locale) {
        boolean bias = i == features.size();
        String name = name(sigmoid, k, i, features.size());
        String what = sigmoid ? (bias ? Templates.message(locale, "gradients.about.bias")
                : Templates.message(locale, "gradients.about.feature", features.get(i)))
                : bias ? Templates.message(locale, "gradients.about.classBias", k + 1)
                : Templates.message(locale, "gradients.about.classFeature", k + 1, features.get(i));
        return new Parameter(name, what);
    }

    /** A parameter's name as the table writes it: w₂,₁ and b₂ (w₁ and b with one weight vector). */
    static String name(boolean sigmoid, int k, int i, int features) {
        if (i == features) {
            return sigmoid ? "b" : "b" + FeatureLabels.subscript(k + 1);
        }
        return sigmoid ? "w" + FeatureLabels.subscript(i + 1)
                : "w" + FeatureLabels.subscript(k + 1) + "," + FeatureLabels.subscript(i + 1);
    }

    /** A parameter's name and what it belongs to. */
    private record Parameter(String name, String what) {
    }

    private static Cell cell(int k, int i, double weight, double gradient, double update, String moved,
                             String style, Parameter about, boolean zero, Locale locale) {
        return new Cell(k + "," + i, Numbers.sig(weight, 4), Numbers.sig(gradient, 4), gradient,
                Numbers.signed(update, 3), moved, style, Templates.message(locale,
                zero ? "gradients.cellZero" : "gradients.cell", about.name(), about.what()), zero);
    }

    /** Red for a positive gradient (the weight will fall), blue for negative; stronger for larger |g|. */
    private static String style(double gradient, double largest) {
        if (largest == 0 || gradient == 0) {
            return "";
        }
        double strength = Math.sqrt(Math.abs(gradient) / largest);
        String rgb = gradient > 0 ? "213,94,0" : "0,114,178";
        return "background-color: rgba(" + rgb + "," + Numbers.fixed(0.08 + 0.4 * strength, 2) + ")";
    }

    static List<String> headers(FeatureMap map) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            out.add(FeatureLabels.text(map.get(i)));
        }
        return out;
    }
}
