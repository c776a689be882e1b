package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading numbers out of API answers, and comparing them exactly or within a stated tolerance. */
final class Nodes {
    private Nodes() {
    }

    static double[] vector(JsonNode array) {
        assertTrue(array.isArray(), () -> "not an array: " + array);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            assertTrue(array.get(i).isNumber(), () -> "not a number in " + array);
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static double[][] matrix(JsonNode rows) {
        assertTrue(rows.isArray(), () -> "not an array: " + rows);
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = vector(rows.get(r));
        }
        return out;
    }

    /** Weights and biases of two run states are the same doubles, bit for bit. */
    static void assertSameParameters(JsonNode expected, JsonNode actual) {
        double[][] w = matrix(expected.get("weights"));
        double[][] v = matrix(actual.get("weights"));
        assertEquals(w.length, v.length, "rows");
        for (int r = 0; r < w.length; r++) {
            // assertArrayEquals without a delta compares doubleToLongBits: -0.0 and 0.0 differ.
            assertArrayEquals(w[r], v[r], "weights row " + r);
        }
        assertArrayEquals(vector(expected.get("biases")), vector(actual.get("biases")), "biases");
    }

    /** Two run states agree on every field but the id: same step, status, weights, losses, permalink. */
    static void assertSameStateApartFromId(JsonNode expected, JsonNode actual) {
        assertSameParameters(expected, actual);
        ObjectNode a = expected.deepCopy();
        ObjectNode b = actual.deepCopy();
        a.remove("id");
        b.remove("id");
        // JsonNode equality compares doubles with Double.compare, so this is exact too.
        assertEquals(a, b);
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        double tolerance = relative * Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tolerance,
                () -> what + ": expected " + expected + " but was " + actual + " (tolerance " + tolerance + ")");
    }

    static void assertClose(double[] expected, JsonNode actual, double relative, String what) {
        double[] a = vector(actual);
        assertEquals(expected.length, a.length, what + " length");
        for (int i = 0; i < a.length; i++) {
            assertClose(expected[i], a[i], relative, what + "[" + i + "]");
        }
    }

    static void assertClose(double[][] expected, JsonNode actual, double relative, String what) {
        assertEquals(expected.length, actual.size(), what + " rows");
        for (int r = 0; r < expected.length; r++) {
            assertClose(expected[r], actual.get(r), relative, what + "[" + r + "]");
        }
    }

    /** Every number anywhere in the tree is finite, and the raw text never spells a non-finite value. */
    static void assertAllFinite(String rawJson, JsonNode tree) {
        assertFalse(rawJson.contains("NaN"), () -> "NaN in " + rawJson);
        assertFalse(rawJson.contains("Infinity"), () -> "Infinity in " + rawJson);
        assertFinite(tree, "$");
    }

    private static void assertFinite(JsonNode node, String path) {
        if (node.isNumber()) {
            assertTrue(Double.isFinite(node.doubleValue()), () -> path + " is " + node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertFinite(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                assertFinite(e.getValue(), path + "." + e.getKey());
            }
        }
    }
}
