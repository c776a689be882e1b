package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.data.DatasetsTest.assertField;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Coordinates outside the plot become z-scores with the population standard deviation; the means and deviations
 * reported, and every standardized point, agree with the same statistics computed here in exact decimal arithmetic.
 */
class CsvStandardizationTest {
    private static final MathContext EXACT_ENOUGH = new MathContext(40);

    /** Mean and population deviation in BigDecimal: no rounding until the square root. */
    private static double[] meanAndDeviation(double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal n = BigDecimal.valueOf(values.length);
        BigDecimal mean = sum.divide(n, EXACT_ENOUGH);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : values) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        return new double[] {mean.doubleValue(), squares.divide(n, EXACT_ENOUGH).sqrt(EXACT_ENOUGH).doubleValue()};
    }

    private static String csv(double[] x1, double[] x2) {
        StringBuilder text = new StringBuilder("length,width,kind\n");
        for (int i = 0; i < x1.length; i++) {
            text.append(x1[i]).append(',').append(x2[i]).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        return text.toString();
    }

    private static void assertStandardized(double[] x1, double[] x2, CsvPoints csv) {
        Standardization z = csv.standardization();
        assertNotNull(z);
        double[] m1 = meanAndDeviation(x1);
        double[] m2 = meanAndDeviation(x2);
        assertEquals("length", z.x1().name());
        assertEquals("width", z.x2().name());
        assertEquals(m1[0], z.x1().mean(), 1e-14 * Math.abs(m1[1]), "mean of x1");
        assertEquals(m1[1], z.x1().deviation(), 1e-14 * m1[1], "deviation of x1");
        assertEquals(m2[0], z.x2().mean(), 1e-14 * Math.abs(m2[1]), "mean of x2");
        assertEquals(m2[1], z.x2().deviation(), 1e-14 * m2[1], "deviation of x2");
        double[] s1 = new double[x1.length];
        double[] s2 = new double[x1.length];
        for (int i = 0; i < x1.length; i++) {
            double[] p = csv.points().get(i);
            assertEquals((x1[i] - m1[0]) / m1[1], p[0], 1e-13, "point " + i + " x1");
            assertEquals((x2[i] - m2[0]) / m2[1], p[1], 1e-13, "point " + i + " x2");
            assertTrue(Math.abs(p[0]) <= DatasetSpec.EXTENT && Math.abs(p[1]) <= DatasetSpec.EXTENT);
            s1[i] = p[0];
            s2[i] = p[1];
        }
        for (double[] standardized : List.of(s1, s2)) {
            double[] after = meanAndDeviation(standardized);
            assertEquals(0.0, after[0], 1e-14, "z-scores have mean 0");
            assertEquals(1.0, after[1], 1e-14, "and deviation 1");
        }
    }

    @Test
    void coordinates_outside_the_plot_are_standardized_column_by_column() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x1 = new double[200];
        double[] x2 = new double[200];
        for (int i = 0; i < x1.length; i++) {
            x1[i] = 1000 + 25 * random.nextGaussian();
            x2[i] = random.nextDouble(-2, 2); // fits, but both columns are standardized
        }
        assertStandardized(x1, x2, CsvPoints.parse(csv(x1, x2)));
    }

    @Test
    void data_that_fits_is_standardized_only_on_request() {
        double[] x1 = {0.5, 1.5, -2, 3, 4.25, -1};
        double[] x2 = {-5, 2, 2.5, 0, 1, 1};
        CsvPoints asIs = CsvPoints.parse(csv(x1, x2));
        assertNull(asIs.standardization());
        assertEquals(0.5, asIs.points().get(0)[0]);

        assertStandardized(x1, x2, CsvPoints.parse(csv(x1, x2), new CsvPoints.Options(null, null, null, true)));
    }

    @Test
    void a_single_coordinate_just_outside_triggers_standardization() {
        double[] x1 = {0, 1, 2, 3, 6.000001};
        double[] x2 = {0, 1, 0, 1, 0};
        assertStandardized(x1, x2, CsvPoints.parse(csv(x1, x2)));
    }

    @Test
    void a_column_with_one_value_cannot_be_standardized_and_is_named() {
        assertEquals("column 1 (\"length\") has the same value on every row, so it cannot be standardized; choose "
                + "another column", assertField("csv", () -> CsvPoints.parse(csv(new double[] {100, 100, 100},
                        new double[] {1, 2, 3}))).getMessage());
    }

    @Test
    void a_point_beyond_six_deviations_is_refused_with_its_line() {
        double[] x1 = new double[40];
        double[] x2 = new double[40];
        for (int i = 0; i < x1.length; i++) {
            x2[i] = i % 5;
        }
        x1[30] = 1000; // mean 25, deviation 156.1: z = 6.24
        String message = assertField("csv", () -> CsvPoints.parse(csv(x1, x2))).getMessage();
        assertEquals("line 32: 1000.0 in column 1 (\"length\") lies 6.2 standard deviations from the column's mean "
                + "25.0, outside the plot's [-6, 6] even after standardizing; remove the outlier or rescale the column",
                message);
    }
}
