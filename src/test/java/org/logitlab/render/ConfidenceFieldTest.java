package org.logitlab.render;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.junit.jupiter.api.Test;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confidence picture, decoded by ImageIO, against the core's own probabilities at every cell centre. */
class ConfidenceFieldTest {
    static final int CELLS = 40;

    @Provide
    Arbitrary<Models> models() {
        return Models.any(false);
    }

    @Property(tries = 60)
    void every_pixel_is_the_predicted_class_tinted_by_its_probability(@ForAll("models") Models m) throws IOException {
        ConfidenceField field = ConfidenceField.compute(m.model(), m.map(), m.theta(), CELLS);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(field.png()));
        assertEquals(CELLS, image.getWidth());
        assertEquals(CELLS, image.getHeight());
        assertTrue(image.getColorModel() instanceof IndexColorModel, "a palette image");
        int k = m.model().classes();
        double chance = 1.0 / k;
        // Half a quantization step of the blend, in colour units, plus rounding.
        double tolerance = 255 * 0.5 / (ConfidenceField.levels(k) - 1) / 2 + 1;
        for (Cell cell : cells(m)) {
            if (cell.nearTie()) {
                continue;
            }
            double alpha = 0.12 + 0.5 * (cell.p()[cell.best()] - chance) / (1 - chance);
            int colour = Palette.rgb(cell.best());
            int pixel = image.getRGB(cell.col(), cell.row());
            for (int shift = 16; shift >= 0; shift -= 8) {
                double expected = 255 * (1 - alpha) + (colour >>> shift & 0xFF) * alpha;
                assertEquals(expected, pixel >>> shift & 0xFF, tolerance, cell + " channel " + shift);
            }
        }
    }

    @Property(tries = 30)
    void the_field_predicts_what_the_model_predicts(@ForAll("models") Models m) {
        ConfidenceField field = ConfidenceField.compute(m.model(), m.map(), m.theta(), CELLS);
        for (Cell cell : cells(m)) {
            int i = cell.row() * CELLS + cell.col();
            if (!cell.nearTie()) {
                assertEquals(cell.best(), field.predicted()[i], cell.toString());
            }
            // The picture's exponential is good to 3e-6 relative, and leaves out classes 16 logits behind.
            double p = cell.p()[cell.best()];
            assertEquals(p, field.confidence()[i], 3e-6 * p + cell.p().length * Math.exp(-16), cell.toString());
        }
    }

    @Property(tries = 30)
    void the_picture_made_directly_is_the_computed_fields_picture(@ForAll("models") Models m) {
        assertEquals(ConfidenceField.compute(m.model(), m.map(), m.theta(), CELLS).dataUri(),
                ConfidenceField.dataUri(m.model(), m.map(), m.theta(), CELLS));
    }

    /**
     * The field is computed a class at a time over each row; each cell must still see exactly the operations it would
     * alone. The reference below is the field cell by cell, as it was first written: the same classes and the same
     * bits, for models scaled up until the factored products underflow and overflow.
     */
    @Property(tries = 60)
    void the_field_row_by_row_is_the_same_bits_as_cell_by_cell(@ForAll("models") Models m,
                                                               @ForAll("scales") double scale) {
        Models scaled = scaled(m, scale);
        ConfidenceField field = ConfidenceField.compute(scaled.model(), scaled.map(), scaled.theta(), CELLS);
        ConfidenceField reference = CellByCell.compute(scaled.model(), scaled.map(), scaled.theta(), CELLS);
        for (int i = 0; i < CELLS * CELLS; i++) {
            assertEquals(reference.predicted()[i], field.predicted()[i], "cell " + i);
            assertEquals(Double.doubleToLongBits(reference.confidence()[i]),
                    Double.doubleToLongBits(field.confidence()[i]), "cell " + i);
        }
    }

    @Test
    void the_models_that_test_the_fallbacks_are_the_same_bits_row_by_row_as_cell_by_cell() {
        LogisticModel three = new LogisticModel(3, Parameterization.SOFTMAX, 3);
        List<Models> models = List.of(
                new Models(new LogisticModel(3, Parameterization.SOFTMAX, 2), FeatureMap.LINEAR, Parameters.ofRows(
                        new double[][] {{300, 0}, {-300, 0}, {0, 300}}, new double[] {0, 0, 0})),
                new Models(three, new FeatureMap(List.of(Feature.X1, Feature.X2, Feature.X1_TIMES_X2)),
                        Parameters.ofRows(new double[][] {{1, 0, 100}, {0, 1, -100}, {-1, -1, 0.5}},
                                new double[] {0, 0, 0})),
                new Models(new LogisticModel(2, Parameterization.SIGMOID, 1),
                        new FeatureMap(List.of(Feature.X1_TIMES_X2)),
                        Parameters.ofRows(new double[][] {{22}}, new double[] {20})));
        for (Models m : models) {
            ConfidenceField field = ConfidenceField.compute(m.model(), m.map(), m.theta(), CELLS);
            ConfidenceField reference = CellByCell.compute(m.model(), m.map(), m.theta(), CELLS);
            assertArrayEquals(reference.predicted(), field.predicted(), m.toString());
            assertArrayEquals(reference.confidence(), field.confidence(), m.toString());
        }
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(1.0, 10.0, 100.0, 1000.0);
    }

    private static Models scaled(Models m, double scale) {
        int rows = m.model().rows();
        int d = m.map().size();
        double[] w = new double[rows * d];
        double[] b = new double[rows];
        for (int r = 0; r < rows; r++) {
            b[r] = scale * m.theta().bias(r);
            for (int j = 0; j < d; j++) {
                w[r * d + j] = scale * m.theta().weight(r, j);
            }
        }
        return new Models(m.model(), m.map(), Parameters.of(rows, d, w, b));
    }

    /** The confidence field cell by cell: the reference for the row-by-row computation. */
    private static final class CellByCell {
        static ConfidenceField compute(LogisticModel model, FeatureMap map, Parameters theta, int cells) {
            LogitGrid grid = ConfidenceField.grid(model, map, theta, cells);
            LogitGrid.Factors factors = grid.factors();
            int classes = grid.classes();
            int[] predicted = new int[cells * cells];
            double[] confidence = new double[cells * cells];
            double[] cross = factors.crossed() ? new double[classes] : null;
            double[] ratio = cross == null ? null : new double[classes];
            for (int row = 0; row < cells; row++) {
                boolean factored = cross == null || factors.crossRow(row, cross, ratio);
                for (int c = 0; c < cells; c++) {
                    int best = 0;
                    for (int k = 1; k < classes; k++) {
                        if (grid.logit(k, row, c) > grid.logit(best, row, c)) {
                            best = k;
                        }
                    }
                    double p = factored ? factoredTop(factors, best, row, c, cross) : Double.NaN;
                    predicted[row * cells + c] = best;
                    confidence[row * cells + c] = p > 0 ? p : directTop(grid, best, row, c);
                    if (cross != null) {
                        for (int k = 0; k < classes; k++) {
                            cross[k] *= ratio[k];
                        }
                    }
                }
            }
            return new ConfidenceField(cells, model.classes(), predicted, confidence);
        }

        private static double factoredTop(LogitGrid.Factors f, int best, int row, int column, double[] cross) {
            double sum = 0;
            double top = 0;
            for (int k = 0; k < f.columns().length; k++) {
                double e = f.columns()[k][column] * f.rows()[k][row];
                if (cross != null) {
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
            return sum > 1e-290 ? top / sum : Double.NaN;
        }

        private static double directTop(LogitGrid grid, int best, int row, int c) {
            double top = grid.logit(best, row, c);
            double sum = 1;
            for (int k = 0; k < grid.classes(); k++) {
                double d = grid.logit(k, row, c) - top;
                if (k != best && d > ConfidenceField.NEGLIGIBLE) {
                    sum += ConfidenceField.shadeExp(d);
                }
            }
            return 1 / sum;
        }
    }

    @Test
    void a_model_so_confident_that_the_factored_products_underflow_still_gets_its_probabilities() {
        // Logits in the thousands: exp of the per-column and per-row parts underflows far from the winner.
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, 2);
        Parameters theta = Parameters.ofRows(
                new double[][] {{300, 0}, {-300, 0}, {0, 300}}, new double[] {0, 0, 0});
        assertEveryCellIsTheCores(new Models(model, FeatureMap.LINEAR, theta));
    }

    @Test
    void a_strong_x1_x2_term_whose_factor_along_a_row_overflows_still_gets_its_probabilities() {
        // exp(c·x2·x1) runs from e^−3600 to e^3600 along the rows: the factored products overflow and underflow.
        LogisticModel model = new LogisticModel(3, Parameterization.SOFTMAX, 3);
        Parameters theta = Parameters.ofRows(
                new double[][] {{1, 0, 100}, {0, 1, -100}, {-1, -1, 0.5}}, new double[] {0, 0, 0});
        assertEveryCellIsTheCores(
                new Models(model, new FeatureMap(List.of(Feature.X1, Feature.X2, Feature.X1_TIMES_X2)), theta));
    }

    @Test
    void an_x1_x2_factor_that_starts_a_row_at_zero_or_below_the_normal_range_does_not_decide_the_shading() {
        // A sigmoid on x1·x2 alone, with a bias: exp(c·x2·x1) underflows at one end of most rows and the other class
        // (z = 0) must not be dropped from the sum there.
        LogisticModel model = new LogisticModel(2, Parameterization.SIGMOID, 1);
        FeatureMap map = new FeatureMap(List.of(Feature.X1_TIMES_X2));
        for (double[] cb : new double[][] {{100, 300}, {30, 60}, {22, 20}, {25, 10}, {-40, -5}}) {
            assertEveryCellIsTheCores(new Models(model, map,
                    Parameters.ofRows(new double[][] {{cb[0]}}, new double[] {cb[1]})));
        }
    }

    /**
     * Every cell's class (unless another is within 1e-9) and probability, to 3e-6 plus what the shading leaves out
     * (exp(−16) per class), are the core's; the probability lies in [1/K, 1].
     */
    private static void assertEveryCellIsTheCores(Models m) {
        ConfidenceField field = ConfidenceField.compute(m.model(), m.map(), m.theta(), CELLS);
        int classes = m.model().classes();
        for (Cell cell : cells(m)) {
            int i = cell.row() * CELLS + cell.col();
            double p = cell.p()[cell.best()];
            Supplier<String> where = () -> m.theta() + ": " + cell;
            assertTrue(field.confidence()[i] >= 1.0 / classes && field.confidence()[i] <= 1, where);
            if (!cell.nearTie()) {
                assertEquals(cell.best(), field.predicted()[i], where);
            }
            assertEquals(p, field.confidence()[i], 3e-6 * p + classes * Math.exp(-16), where);
        }
    }

    @Property(tries = 5000)
    void the_shading_exponential_is_within_3e_6_of_math_exp(
            @ForAll @net.jqwik.api.constraints.DoubleRange(min = -16, max = 0) double d) {
        assertEquals(Math.exp(d), ConfidenceField.shadeExp(d), 3e-6 * Math.exp(d));
    }

    /** One cell centre and the core's own view of it. */
    record Cell(int row, int col, double[] p, int best) {
        /** Another class within 1e-9 of the best: the arg max may go either way in the last bits. */
        boolean nearTie() {
            for (int j = 0; j < p.length; j++) {
                if (j != best && p[best] - p[j] < 1e-9) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "cell (" + row + ", " + col + ") of class " + best;
        }
    }

    private static List<Cell> cells(Models m) {
        List<Cell> cells = new ArrayList<>();
        for (int row = 0; row < CELLS; row++) {
            for (int col = 0; col < CELLS; col++) {
                double x1 = -6 + (col + 0.5) * 12.0 / CELLS;
                double x2 = 6 - (row + 0.5) * 12.0 / CELLS;
                cells.add(new Cell(row, col, m.probabilities(x1, x2), m.predict(x1, x2)));
            }
        }
        return cells;
    }
}
