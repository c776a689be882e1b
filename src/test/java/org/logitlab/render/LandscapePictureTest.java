package org.logitlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

import javax.imageio.ImageIO;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.logitlab.core.Feature;
import org.logitlab.core.PairPath;

/** The shading and the contour lines of a landscape, read back from the PNG and the SVG path. */
class LandscapePictureTest {
    private static final PairPath NO_PATH = new PairPath(new double[0], new double[0]);
    /**
     * Rounding the interpolated ramp to 8-bit channels leaves one inversion of relative luminance between neighbouring
     * colours (0.0003, between palette entries 102 and 103, where only blue changes); far below what an eye can see,
     * and far below the luminance step between two viridis stops (about 0.02 to 0.09).
     */
    private static final double LUMINANCE_ROUNDING = 0.001;

    @Test
    void the_scale_turns_logarithmic_when_j_spans_two_orders_of_magnitude() {
        assertFalse(LandscapePicture.of(new double[][] {{0.5, 1}, {2, 49.9}}).logScale());
        assertTrue(LandscapePicture.of(new double[][] {{0.5, 1}, {2, 50}}).logScale());
        assertFalse(LandscapePicture.of(new double[][] {{0, 1}, {2, 50}}).logScale(), "log 0 is no scale");
    }

    @Test
    void the_levels_rise_evenly_on_the_shading_scale_between_the_lowest_and_highest_j() {
        for (double[][] j : List.of(new double[][] {{0.5, 1}, {2, 3}}, new double[][] {{0.01, 1}, {2, 30}})) {
            LandscapePicture picture = LandscapePicture.of(j);

            double[] levels = picture.levels(10);

            assertEquals(10, levels.length);
            for (int m = 0; m < 10; m++) {
                assertEquals((m + 0.5) / 10, picture.scale(levels[m]), 1e-12);
                assertTrue(levels[m] > picture.low() && levels[m] < picture.high());
            }
        }
        assertEquals(0, LandscapePicture.of(new double[][] {{2, 2}, {2, 2}}).levels(10).length, "flat: no lines");
    }

    @Property(tries = 30)
    void the_png_has_a_pixel_per_node_lighter_wherever_j_is_lower(@ForAll @IntRange(min = 3, max = 15) int size,
                                                                   @ForAll long seed) throws IOException {
        Landscape l = landscape(size, seed);
        BufferedImage image = decode(l.dataUri());

        assertEquals(size, image.getWidth());
        assertEquals(size, image.getHeight());
        double[][] j = l.objective();
        for (int i = 0; i < size * size; i++) {
            for (int k = 0; k < size * size; k++) {
                double ji = j[i / size][i % size];
                double jk = j[k / size][k % size];
                if (ji < jk) {
                    int pi = image.getRGB(i / size, size - 1 - i % size);
                    int pk = image.getRGB(k / size, size - 1 - k % size);
                    assertTrue(lightness(pi) >= lightness(pk) - LUMINANCE_ROUNDING,
                            "J " + ji + " < " + jk + " but darker");
                }
            }
        }
    }

    @Property(tries = 30)
    void every_contour_point_lies_in_a_cell_whose_corners_are_on_either_side_of_a_level(
            @ForAll @IntRange(min = 3, max = 15) int size, @ForAll long seed) {
        Landscape l = landscape(size, seed);
        double pixel = Landscape.SIDE / size;
        double tolerance = 0.01 / pixel;
        int points = 0;

        Matcher m = TracedBoundaryTest.POINT.matcher(l.contours());
        while (m.find()) {
            points++;
            double gx = Double.parseDouble(m.group(1)) / pixel - 0.5;
            double gy = (Landscape.SIDE - Double.parseDouble(m.group(2))) / pixel - 0.5;
            boolean straddles = false;
            for (int i = cell(gx - tolerance, size); i <= cell(gx + tolerance, size); i++) {
                for (int k = cell(gy - tolerance, size); k <= cell(gy + tolerance, size); k++) {
                    straddles |= straddles(l, i, k);
                }
            }
            assertTrue(straddles, "(" + gx + ", " + gy + ") crosses no level");
        }
        assertTrue(l.contours().isEmpty() || points >= 2);
    }

    /** Whether some level lies between the lowest and highest J at the corners of cell (i, k). */
    private static boolean straddles(Landscape l, int i, int k) {
        double[][] j = l.objective();
        double low = Math.min(Math.min(j[i][k], j[i + 1][k]), Math.min(j[i][k + 1], j[i + 1][k + 1]));
        double high = Math.max(Math.max(j[i][k], j[i + 1][k]), Math.max(j[i][k + 1], j[i + 1][k + 1]));
        for (double level : l.levels()) {
            if (low <= level && level <= high) {
                return true;
            }
        }
        return false;
    }

    private static int cell(double g, int size) {
        return (int) Math.max(0, Math.min(size - 2, Math.floor(g)));
    }

    @Test
    void the_lowest_node_is_viridis_lightest_colour_and_the_highest_its_darkest() throws IOException {
        Landscape l = landscape(9, 11);
        BufferedImage image = decode(l.dataUri());
        double[][] j = l.objective();
        int low = 0;
        int high = 0;
        for (int n = 0; n < 81; n++) {
            low = j[n / 9][n % 9] < j[low / 9][low % 9] ? n : low;
            high = j[n / 9][n % 9] > j[high / 9][high % 9] ? n : high;
        }

        assertEquals(0xFDE725, image.getRGB(low / 9, 8 - low % 9) & 0xFFFFFF);
        assertEquals(0x440154, image.getRGB(high / 9, 8 - high % 9) & 0xFFFFFF);
    }

    private static Landscape landscape(int size, long seed) {
        LandscapeGridTest.Case c = LandscapeGridTest.Case.random(4, List.of(Feature.X1, Feature.X2,
                Feature.X1_SQUARED), 1, seed);
        return Landscape.compute(c.objective(), c.theta(), 0.05, 0, c.a(), c.b(), NO_PATH, size);
    }

    private static BufferedImage decode(String dataUri) throws IOException {
        String prefix = "data:image/png;base64,";
        assertTrue(dataUri.startsWith(prefix));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(prefix.length()))));
    }

    /** Relative luminance of sRGB 0xRRGGBB, linear channels weighted by Rec. 709. */
    private static double lightness(int rgb) {
        return 0.2126 * linear(rgb >> 16 & 0xFF) + 0.7152 * linear(rgb >> 8 & 0xFF) + 0.0722 * linear(rgb & 0xFF);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
