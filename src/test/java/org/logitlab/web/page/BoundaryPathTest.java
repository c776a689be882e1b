package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision boundary drawn in {@code #plot-under}, read back into data coordinates. */
class BoundaryPathTest extends ServerTest {
    static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    static final Pattern SEGMENT = Pattern.compile("M" + NUMBER + " " + NUMBER + "L" + NUMBER + " " + NUMBER);
    static final Pattern POINT = Pattern.compile("[ML]" + NUMBER + " " + NUMBER);
    /** SVG coordinates are rounded to 0.01 units, which is 0.01·12/580 ≈ 2.1e-4 in data units. */
    static final double ROUNDING = 0.01 * 12 / 580;

    static double x1(double px) {
        return (px - 46) / 580 * 12 - 6;
    }

    static double x2(double py) {
        return 6 - (py - 12) / 580 * 12;
    }

    private static String boundary(Lab lab) {
        Element path = lab.doc().selectFirst("#plot-under path.boundary");
        assertNotNull(path, "no boundary path");
        return path.attr("d");
    }

    /** Each straight segment as {x1, x2, x1', x2'} in data coordinates; fails unless d is only such segments. */
    private static List<double[]> segments(String d) {
        assertTrue(d.matches("(" + SEGMENT.pattern() + ")*"), () -> "not a set of straight segments: " + d);
        List<double[]> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(d);
        while (m.find()) {
            out.add(new double[] {x1(Double.parseDouble(m.group(1))), x2(Double.parseDouble(m.group(2))),
                x1(Double.parseDouble(m.group(3))), x2(Double.parseDouble(m.group(4)))});
        }
        return out;
    }

    private static boolean onFrame(double a, double b) {
        double tol = 2 * ROUNDING;
        return Math.abs(Math.abs(a) - 6) < tol || Math.abs(Math.abs(b) - 6) < tol;
    }

    @ParameterizedTest(name = "w = ({0}, {1}), b = {2}")
    @CsvSource({"1.0,1.0,0.0", "1.0,2.0,1.0", "-0.5,3.0,2.0", "2.0,0.0,-3.0"})
    void a_sigmoid_boundary_is_one_segment_on_the_line_w_dot_x_plus_b_across_the_frame(double w1, double w2,
                                                                                      double b) {
        Lab lab = server.open("dataset=blobs&classes=2&parameterization=sigmoid&features=x1,x2"
                + "&init=explicit&weights=" + w1 + "," + w2 + "&biases=" + b + "&step=0");
        List<double[]> segments = segments(boundary(lab));
        assertEquals(1, segments.size(), boundary(lab));
        double[] s = segments.get(0);
        double tol = 2 * ROUNDING * (Math.abs(w1) + Math.abs(w2));
        assertEquals(0, w1 * s[0] + w2 * s[1] + b, tol, "first end off the line");
        assertEquals(0, w1 * s[2] + w2 * s[3] + b, tol, "second end off the line");
        assertTrue(onFrame(s[0], s[1]) && onFrame(s[2], s[3]), "the segment should run from edge to edge");
        assertTrue(Math.hypot(s[2] - s[0], s[3] - s[1]) > 1, "a real segment, not a point");
    }

    @Test
    void the_line_x1_plus_x2_equals_zero_runs_corner_to_corner() {
        Lab lab = server.open("dataset=blobs&classes=2&features=x1,x2&init=explicit&weights=1.0,1.0"
                + "&biases=0.0&step=0");
        double[] s = segments(boundary(lab)).get(0);
        assertEquals(0, s[0] + s[1], 2 * ROUNDING);
        assertEquals(0, s[2] + s[3], 2 * ROUNDING);
        assertEquals(6, Math.abs(s[0]), 2 * ROUNDING);
        assertEquals(6, Math.abs(s[2]), 2 * ROUNDING);
        assertTrue(s[0] * s[2] < 0, "the ends are opposite corners");
    }

    @Test
    void a_model_with_all_zero_weights_has_no_boundary_to_draw() {
        assertEquals("", boundary(server.open("dataset=blobs&classes=3&step=0")));
    }

    @ParameterizedTest(name = "K = {0}")
    @CsvSource({"3", "4"})
    void softmax_boundaries_with_linear_features_are_at_most_one_segment_per_class_pair_on_z_j_equals_z_k(int k) {
        Lab lab = server.open("dataset=blobs&classes=" + k + "&features=x1,x2&step=30");
        JsonNode state = server.api("/api/runs/" + lab.id());
        double[][] w = new double[k][2];
        double[] b = new double[k];
        double scale = 1;
        for (int r = 0; r < k; r++) {
            w[r][0] = state.get("weights").get(r).get(0).asDouble();
            w[r][1] = state.get("weights").get(r).get(1).asDouble();
            b[r] = state.get("biases").get(r).asDouble();
            scale = Math.max(scale, Math.abs(w[r][0]) + Math.abs(w[r][1]));
        }
        List<double[]> segments = segments(boundary(lab));
        assertTrue(segments.size() >= k - 1 && segments.size() <= k * (k - 1) / 2, boundary(lab));
        double tol = 4 * ROUNDING * scale;
        for (double[] s : segments) {
            double mx = (s[0] + s[2]) / 2;
            double my = (s[1] + s[3]) / 2;
            double[] z = new double[k];
            for (int r = 0; r < k; r++) {
                z[r] = w[r][0] * mx + w[r][1] * my + b[r];
            }
            // At the midpoint the two best classes tie, and no third class beats them.
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[k - 1], sorted[k - 2], tol, "the midpoint is not where two classes tie");
            boolean found = false;
            for (int j = 0; j < k && !found; j++) {
                for (int m = j + 1; m < k && !found; m++) {
                    found = Math.abs(zAt(w, b, j, s[0], s[1]) - zAt(w, b, m, s[0], s[1])) < tol
                            && Math.abs(zAt(w, b, j, s[2], s[3]) - zAt(w, b, m, s[2], s[3])) < tol
                            && Math.abs(z[j] - sorted[k - 1]) < tol && Math.abs(z[m] - sorted[k - 1]) < tol;
                }
            }
            assertTrue(found, "segment " + Arrays.toString(s) + " is on no boundary z_j = z_k");
        }
    }

    private static double zAt(double[][] w, double[] b, int r, double x1, double x2) {
        return w[r][0] * x1 + w[r][1] * x2 + b[r];
    }

    @Test
    void with_squared_features_the_boundary_is_a_traced_curve_on_the_circle_it_should_be() {
        Lab lab = server.open("dataset=circles&classes=2&features=x1%5E2,x2%5E2&init=explicit"
                + "&weights=1.0,1.0&biases=-9.0&step=0");
        String d = boundary(lab);
        long lines = d.chars().filter(c -> c == 'L').count();
        assertTrue(lines > 50, () -> "expected a traced curve with many L commands: " + d);
        Matcher m = POINT.matcher(d);
        int points = 0;
        double minAngle = Double.POSITIVE_INFINITY;
        double maxAngle = Double.NEGATIVE_INFINITY;
        while (m.find()) {
            double a = x1(Double.parseDouble(m.group(1)));
            double b = x2(Double.parseDouble(m.group(2)));
            assertEquals(3.0, Math.hypot(a, b), 0.01, "a traced point off the circle x1² + x2² = 9");
            minAngle = Math.min(minAngle, Math.atan2(b, a));
            maxAngle = Math.max(maxAngle, Math.atan2(b, a));
            points++;
        }
        assertTrue(points > 50);
        assertTrue(maxAngle - minAngle > 6, "the curve goes all the way round");
    }

    @Test
    void a_trained_circles_model_draws_a_curved_boundary() {
        Lab lab = server.open("dataset=circles&classes=2&features=x1%5E2,x2%5E2&learningRate=0.5&step=40");
        String d = boundary(lab);
        assertTrue(d.startsWith("M"), d);
        assertTrue(d.chars().filter(c -> c == 'L').count() > 20, d);
        assertTrue(!d.matches("(" + SEGMENT.pattern() + ")*"), "a curve, not straight segments");
    }
}
