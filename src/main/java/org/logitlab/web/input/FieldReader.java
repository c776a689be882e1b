package org.logitlab.web.input;

import com.fasterxml.jackson.databind.JsonNode;

import org.logitlab.text.Reason;


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

    /** A finite number, else refused with {@code notNumber}. */
    private double number(JsonNode node, String field, Reason notNumber) {
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
        throw FieldError.invalid(field, notNumber);
    }

    /** Any finite number. */
    public double finite(JsonNode node, String field) {
        return number(node, field, Reason.of("error.number.finite"));
    }

    public double number(JsonNode node, String field, double min, double max, boolean minOpen) {
        String interval = (minOpen ? "(" : "[") + Reason.plain(min) + ", " + Reason.plain(max) + "]";
        double v = number(node, field, Reason.of("error.number.finiteIn", interval));
        if (v < min || v > max || (minOpen && v == min)) {
            throw FieldError.invalid(field, "error.number.in", interval, v);
        }
        return v;
    }

    public long integer(JsonNode node, String field, long min, long max) {
        double v = number(node, field, Reason.of("error.number.finiteFrom", min, max));
        if (v != Math.rint(v) || v < min || v > max) {
            throw FieldError.invalid(field, "error.integer.from", min, max, v);
        }
        return (long) v;
    }

    /** A string, else refused saying what is {@code allowed}: a list of values, or a phrase ({@link Reason}). */
    public String text(JsonNode node, String field, Object allowed) {
        if (!node.isTextual()) {
            throw FieldError.invalid(field, "error.string", allowed);
        }
        return node.asText();
    }
}
