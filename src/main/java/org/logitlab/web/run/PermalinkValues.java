package org.logitlab.web.run;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.logitlab.core.Hyperparameters;
import org.logitlab.data.Standardization;
import org.logitlab.web.input.FieldError;

/**
 * The values of a permalink's parameters, written and read: lists separated by {@code ,} and {@code ;}, entries
 * whose parts are separated by {@code :}. Read values become the text tree {@link RunSpecReader} checks.
 *
 * <ul>
 * <li>{@code points}: {@code x1,x2,label;...}; {@code weights} and {@code biases}: numbers by {@code ,}, rows by
 * {@code ;} (doubles as {@link Double#toString} writes them, which reads back to the same bits);</li>
 * <li>{@code schedule}: {@code from:learningRate:l2} per change, with {@code :l1} after it when λ₁ ≠ 0 (so the links
 * written before L1 read as they always have);</li>
 * <li>{@code names}: the class names, {@code setosa,versicolor,virginica};</li>
 * <li>{@code standardized}: each coordinate's column, mean and deviation,
 * {@code petal_length:3.758:1.7594,petal_width:1.1993:0.7597}.</li>
 * </ul>
 * A name may hold any character: {@code %}, {@code ,}, {@code :} and {@code ;} in it are written {@code %25},
 * {@code %2C}, {@code %3A} and {@code %3B} (inside the value, before the URL's own escaping).
 */
public final class PermalinkValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern ESCAPED = Pattern.compile("%(25|2C|3A|3B)");

    private PermalinkValues() {
    }

    /** The changes after step 0, or null when there are none. */
    static String schedule(NavigableMap<Long, Hyperparameters> schedule) {
        if (schedule.size() == 1) {
            return null;
        }
        StringJoiner s = new StringJoiner(";");
        schedule.tailMap(0L, false).forEach((from, hp) -> s.add(from + ":" + hp.learningRate() + ":" + hp.l2()
                + (hp.l1() == 0.0 ? "" : ":" + hp.l1())));
        return s.toString();
    }

    /** The schedule's entries as the API writes them, values as text. */
    static ArrayNode readSchedule(String text) {
        ArrayNode schedule = JSON.arrayNode();
        for (String entry : text.split(";")) {
            String[] parts = entry.split(":", -1);
            if (parts.length != 3 && parts.length != 4) {
                throw FieldError.invalid("schedule", "error.permalink.schedule");
            }
            var change = schedule.addObject().put("from", parts[0]).put("learningRate", parts[1]).put("l2", parts[2]);
            if (parts.length == 4) {
                change.put("l1", parts[3]);
            }
        }
        return schedule;
    }

    /** The {@code names} parameter: what the page's form sends back to keep a custom set's class names. */
    public static String names(List<String> names) {
        StringJoiner out = new StringJoiner(",");
        names.forEach(name -> out.add(escape(name)));
        return out.toString();
    }

    static ArrayNode readNames(String text) {
        ArrayNode names = JSON.arrayNode();
        for (String name : text.split(",", -1)) {
            names.add(unescape(name));
        }
        return names;
    }

    /** The {@code standardized} parameter, likewise. */
    public static String standardization(Standardization z) {
        return column(z.x1()) + "," + column(z.x2());
    }

    private static String column(Standardization.Column c) {
        return escape(c.name()) + ":" + c.mean() + ":" + c.deviation();
    }

    /** The two columns' {name, mean, deviation}, as text. */
    static String[][] readStandardization(String text) {
        String[] columns = text.split(",", -1);
        String[][] out = new String[2][];
        for (int j = 0; j < columns.length; j++) {
            String[] parts = columns[j].split(":", -1);
            if (columns.length != 2 || parts.length != 3) {
                throw FieldError.invalid("standardized", "error.permalink.standardized");
            }
            out[j] = new String[] {unescape(parts[0]), parts[1], parts[2]};
        }
        return out;
    }

    static ArrayNode decodeRows(String text, String field) {
        ArrayNode rows = JSON.arrayNode();
        for (String row : text.split(";", -1)) {
            rows.add(decodeRow(row, field));
        }
        return rows;
    }

    static ArrayNode decodeRow(String text, String field) {
        ArrayNode row = JSON.arrayNode();
        if (text.length() > 10_000) {
            throw FieldError.invalid(field, "error.permalink.tooLong");
        }
        for (String v : text.split(",", -1)) {
            row.add(v);
        }
        return row;
    }

    static String encodePoints(List<double[]> points) {
        StringJoiner out = new StringJoiner(";");
        for (double[] p : points) {
            out.add(number(p[0]) + "," + number(p[1]) + "," + (int) p[2]);
        }
        return out.toString();
    }

    static String encodeRows(double[][] rows) {
        StringJoiner out = new StringJoiner(";");
        for (double[] row : rows) {
            out.add(encodeRow(row));
        }
        return out.toString();
    }

    static String encodeRow(double[] row) {
        StringJoiner out = new StringJoiner(",");
        for (double v : row) {
            out.add(Double.toString(v));
        }
        return out.toString();
    }

    /** Shortest text that reads back to the same double: "1.5" rather than "1.50000". */
    private static String number(double v) {
        boolean negativeZero = Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0);
        return v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String text) {
        return text.replace("%", "%25").replace(",", "%2C").replace(":", "%3A").replace(";", "%3B");
    }

    static String unescape(String text) {
        Matcher m = ESCAPED.matcher(text);
        return m.replaceAll(r -> Map.of("25", "%", "2C", ",", "3A", ":", "3B", ";").get(r.group(1)));
    }
}
