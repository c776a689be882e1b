package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The red rings over the plot, read back from their path and checked against the API's own predictions. */
class MisclassifiedRingsTest extends ServerTest {
    static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    /** One ring: a move to its left edge, then two half arcs of radius 8. */
    static final Pattern RING = Pattern.compile("M" + NUMBER + " " + NUMBER + "a8 8 0 1 0 16 0a8 8 0 1 0 -16 0");

    /** Ring centres in SVG units, failing unless the path is nothing but rings. */
    private static List<double[]> centres(String d) {
        assertTrue(d.matches("(" + RING.pattern() + ")*"), () -> "not a set of rings: " + d);
        List<double[]> out = new ArrayList<>();
        Matcher m = RING.matcher(d);
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)) + 8, Double.parseDouble(m.group(2))});
        }
        return out;
    }

    @Test
    void the_rings_circle_exactly_the_points_whose_predicted_class_is_wrong() {
        Lab lab = server.open("dataset=moons&classes=2&n=40&noise=0.3&testFraction=0.25&step=3");
        JsonNode points = server.api("/api/runs/" + lab.id() + "/dataset").get("points");
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = server.api("/api/runs/" + lab.id() + "/examples/" + i).get("probabilities");
            int predicted = p.get(1).asDouble() > p.get(0).asDouble() ? 1 : 0;
            if (predicted != points.get(i).get(2).asInt()) {
                expected.add(new double[] {46 + (points.get(i).get(0).asDouble() + 6) / 12 * 580,
                    12 + (6 - points.get(i).get(1).asDouble()) / 12 * 580});
            }
        }
        assertTrue(!expected.isEmpty() && expected.size() < points.size(), "a run with some points wrong");
        Element ring = lab.doc().selectFirst("#plot-over path.wrong");
        List<double[]> drawn = centres(ring.attr("d"));
        assertEquals(expected.size(), drawn.size(), ring.attr("d"));
        for (int j = 0; j < drawn.size(); j++) {
            // Both lists follow the points' order; SVG coordinates are rounded to 0.01.
            assertEquals(expected.get(j)[0], drawn.get(j)[0], 0.006, "ring " + j + " x");
            assertEquals(expected.get(j)[1], drawn.get(j)[1], 0.006, "ring " + j + " y");
        }
    }

    @Test
    void a_model_that_gets_every_point_right_draws_no_rings() {
        Lab lab = server.open("dataset=custom&points=2,2,1;-2,-2,0&classes=2&init=explicit"
                + "&weights=1.0,1.0&biases=0.0");
        assertNull(lab.doc().selectFirst("#plot-over path.wrong"));
    }
}
