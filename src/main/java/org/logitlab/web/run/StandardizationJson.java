package org.logitlab.web.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.logitlab.data.Standardization;
import org.logitlab.text.Reason;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.FieldReader;
import org.logitlab.web.input.Json;

/**
 * The one JSON shape of a custom set's standardization, written in the API's run state and read back by
 * {@code POST /api/runs} (and from a permalink's {@code standardized}):
 * {@code {"x1": {"column": "petal_length", "mean": 3.758, "deviation": 1.7594}, "x2": {...}}}.
 */
public final class StandardizationJson {
    static final String FIELD = "dataset.standardization";
    private static final Set<String> AXES = Set.of("x1", "x2");
    private static final Set<String> COLUMN = Set.of("column", "mean", "deviation");
    private static final String SHAPE = "{\"x1\": {\"column\": name, \"mean\": m, \"deviation\": s}, \"x2\": {...}}";

    private StandardizationJson() {
    }

    /** The shape for JSON, or null without a standardization. */
    public static Map<String, Object> of(Standardization z) {
        if (z == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x1", column(z.x1()));
        out.put("x2", column(z.x2()));
        return out;
    }

    private static Map<String, Object> column(Standardization.Column c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", c.name());
        out.put("mean", c.mean());
        out.put("deviation", c.deviation());
        return out;
    }

    /** The tree of a permalink's two columns, each {name, mean, deviation} as text. */
    static ObjectNode tree(String[][] columns) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int j = 0; j < 2; j++) {
            out.putObject("x" + (j + 1)).put("column", columns[j][0]).put("mean", columns[j][1])
                    .put("deviation", columns[j][2]);
        }
        return out;
    }

    /** Reads the shape above; the data package checks the values ({@code DatasetSpec}). */
    static Standardization read(JsonNode node, FieldReader read) {
        if (!node.isObject() || node.size() != 2 || !node.has("x1") || !node.has("x2")) {
            throw FieldError.invalid(FIELD, "error.spec.mustBe", SHAPE);
        }
        Json.rejectUnknown(node, AXES, FIELD + ".");
        return new Standardization(column(node.get("x1"), FIELD + ".x1", read),
                column(node.get("x2"), FIELD + ".x2", read));
    }

    private static Standardization.Column column(JsonNode node, String field, FieldReader read) {
        if (!node.isObject() || node.size() != 3 || !COLUMN.stream().allMatch(node::has)) {
            throw FieldError.invalid(field, "error.spec.mustBe", SHAPE);
        }
        return new Standardization.Column(
                read.text(node.get("column"), field + ".column", Reason.of("error.spec.columnName")),
                read.finite(node.get("mean"), field + ".mean"),
                read.finite(node.get("deviation"), field + ".deviation"));
    }
}
