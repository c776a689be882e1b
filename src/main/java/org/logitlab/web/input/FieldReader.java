package org.logitlab.web.input;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * Reads typed values out of a JSON tree, naming the field in every complaint. With {@code textNumbers} set
 * (for URL parameters and form fields, where everything arrives as text) numbers may also be given as strings.
 */
public final class FieldReader {
    public static final FieldReader STRICT = new FieldReader(false);
    public static final FieldReader TEXT = new FieldReader(true);
    private final boolean textNumbers;

    private FieldReader(boolean textNumbers) {
        this.textNumbers = textNumbers;
    }

    public double number(JsonNode node, String field, String allowed) {
        if (node.isNumber()) {
            double v = node.doubleValue();
            if (Double.isFinite(v)) {
                return v;
            }
        } else if (textNumbers && node.isTextual()) {
            String text = node.asText().trim();
            if (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) {
                    return v;
                }
            }
        }
        throw FieldError.invalid(field, "must be a finite number " + allowed);
    }

    public double number(JsonNode node, String field, double min, double max, boolean minOpen) {
        String allowed = (minOpen ? "in (" : "in [") + plain(min) + ", " + plain(max) + "]";
        double v = number(node, field, allowed);
        if (v < min || v > max || (minOpen && v == min)) {
            throw FieldError.invalid(field, "must be a number " + allowed + "; got " + plain(v));
        }
        return v;
    }

    public long integer(JsonNode node, String field, long min, long max) {
        String allowed = "from " + min + " to " + max;
        double v = number(node, field, allowed);
        if (v != Math.rint(v) || v < min || v > max) {
            throw FieldError.invalid(field, "must be an integer " + allowed + "; got " + plain(v));
        }
        return (long) v;
    }

    public String text(JsonNode node, String field, String allowed) {
        if (!node.isTextual()) {
            throw FieldError.invalid(field, "must be a string: " + allowed);
        }
        return node.asText();
    }

    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
