package org.logitlab.web.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.logitlab.data.CsvPoints;
import org.logitlab.data.DatasetSpec;
import org.logitlab.data.Datasets;
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.text.Reason;
import org.logitlab.text.Sentence;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.FieldReader;
import org.logitlab.web.input.Json;

/**
 * The {@code dataset} object of {@code POST /api/runs} (and of a permalink): a toy dataset
 * ({@code name, n, noise, seed}), custom points ({@code points}, with {@code classNames} and {@code standardization}
 * optional), or a CSV file's text ({@code csv}, with {@code columns} and {@code standardize} optional), read by
 * {@link CsvPoints} into points, class names and standardization. A file is read whole before any run exists, so a
 * bad one leaves nothing behind.
 */
final class DatasetReader {
    private static final Set<String> FIELDS = Set.of("name", "n", "noise", "seed", "points", "classNames",
            "standardization", "csv", "columns", "standardize");
    private static final Set<String> COLUMNS = Set.of("x1", "x2", "label");
    /** Refusals about the columns chosen rather than the file's contents. */
    private static final Set<String> COLUMN_REASONS = Set.of(Sentence.CSV_NO_COLUMN.key(),
            Sentence.CSV_SAME_COLUMNS.key());

    private final FieldReader read;

    DatasetReader(FieldReader read) {
        this.read = read;
    }

    DatasetSpec read(JsonNode node) {
        if (node == null) {
            return DatasetSpec.named("blobs", RunSpecReader.DEFAULT_N, RunSpecReader.DEFAULT_NOISE, 1);
        }
        if (!node.isObject()) {
            throw FieldError.invalid("dataset", "error.spec.datasetObject", "{\"name\": \"blobs\", \"n\": 200}");
        }
        Json.rejectUnknown(node, FIELDS, "dataset.");
        String name = opt(node, "name").map(n -> read.text(n, "dataset.name", String.join(", ", Datasets.NAMES)))
                .orElse("blobs");
        if (!Datasets.NAMES.contains(name)) {
            throw FieldError.invalid("dataset.name", Sentence.ONE_OF.with(String.join(", ", Datasets.NAMES)));
        }
        if (!"custom".equals(name)) {
            if (node.has("points")) {
                throw FieldError.invalid("dataset.points", Sentence.POINTS_ONLY_CUSTOM.with());
            }
            refuse(node, "error.spec.onlyCustom", "csv", "columns", "standardize");
            int n = (int) opt(node, "n").map(v -> read.integer(v, "dataset.n", 1, DatasetSpec.MAX_POINTS))
                    .orElse((long) RunSpecReader.DEFAULT_N).longValue();
            double noise = opt(node, "noise").map(v -> read.number(v, "dataset.noise", 0, 1, false))
                    .orElse(RunSpecReader.DEFAULT_NOISE);
            long seed = opt(node, "seed").map(v -> read.integer(v, "dataset.seed", 0, RunSpecReader.MAX_SEED))
                    .orElse(1L);
            return new DatasetSpec(name, n, noise, seed, List.of(), names(node),
                    opt(node, "standardization").map(v -> StandardizationJson.read(v, read)).orElse(null));
        }
        for (String f : List.of("n", "noise", "seed")) {
            if (node.has(f)) {
                throw FieldError.invalid("dataset." + f, "error.spec.notForCustom");
            }
        }
        if (node.has("csv")) {
            return csv(node);
        }
        refuse(node, "error.spec.onlyCsv", "columns", "standardize");
        JsonNode points = node.get("points");
        if (points == null) {
            throw FieldError.invalid("dataset.points", "error.spec.customNeedsPoints");
        }
        return DatasetSpec.custom(points(points), names(node),
                opt(node, "standardization").map(v -> StandardizationJson.read(v, read)).orElse(null));
    }

    /** A CSV file's text: its points, with the names and standardization the file gives them. */
    private DatasetSpec csv(JsonNode node) {
        refuse(node, "error.spec.notWithCsv", "points", "classNames", "standardization");
        String text = read.text(node.get("csv"), "dataset.csv", Reason.of("error.spec.csvText"));
        boolean standardize = opt(node, "standardize").map(v -> {
            if (!v.isBoolean()) {
                throw FieldError.invalid("dataset.standardize", "error.spec.boolean");
            }
            return v.booleanValue();
        }).orElse(false);
        JsonNode columns = opt(node, "columns").orElse(Json.emptyObject());
        if (!columns.isObject()) {
            throw FieldError.invalid("dataset.columns", "error.spec.columns", RunSpecReader.MAX_CSV_COLUMN);
        }
        Json.rejectUnknown(columns, COLUMNS, "dataset.columns.");
        CsvPoints.Options options = new CsvPoints.Options(column(columns, "x1"), column(columns, "x2"),
                column(columns, "label"), standardize);
        try {
            return CsvPoints.parse(text, options).spec();
        } catch (InvalidDatasetException e) {
            throw FieldError.invalid(COLUMN_REASONS.contains(e.reason().key()) ? "dataset.columns" : "dataset.csv",
                    e.reason());
        }
    }

    /** A column chosen by its number as people count (1 is the first), 0-based for {@link CsvPoints}; or null. */
    private Integer column(JsonNode columns, String axis) {
        return opt(columns, axis)
                .map(v -> (int) read.integer(v, "dataset.columns." + axis, 1, RunSpecReader.MAX_CSV_COLUMN) - 1)
                .orElse(null);
    }

    /** Refuses the first of {@code fields} that {@code node} has, saying {@code why}. */
    private static void refuse(JsonNode node, String why, String... fields) {
        for (String f : fields) {
            if (node.has(f)) {
                throw FieldError.invalid("dataset." + f, why);
            }
        }
    }

    private List<String> names(JsonNode node) {
        JsonNode names = node.get("classNames");
        if (names == null || names.isNull()) {
            return List.of();
        }
        Reason allowed = Reason.of("error.spec.classNames", Datasets.MAX_CLASSES);
        if (!names.isArray()) {
            throw FieldError.invalid("dataset.classNames", "error.spec.mustBe", allowed);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode name : names) {
            out.add(read.text(name, "dataset.classNames", allowed));
        }
        return out;
    }

    private List<double[]> points(JsonNode node) {
        if (!node.isArray()) {
            throw FieldError.invalid("dataset.points", "error.spec.pointsArray");
        }
        if (node.size() > DatasetSpec.MAX_POINTS) {
            throw FieldError.invalid("dataset.points", "error.spec.tooManyPoints", DatasetSpec.MAX_POINTS,
                    node.size());
        }
        List<double[]> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String field = "dataset.points[" + i + "]";
            if (!p.isArray() || p.size() != 3) {
                throw FieldError.invalid(field, Sentence.POINT_SHAPE.with());
            }
            out.add(new double[] {
                read.number(p.get(0), field, -DatasetSpec.EXTENT, DatasetSpec.EXTENT, false),
                read.number(p.get(1), field, -DatasetSpec.EXTENT, DatasetSpec.EXTENT, false),
                read.integer(p.get(2), field, 0, Datasets.MAX_CLASSES - 1)});
        }
        return out;
    }

    /** A field's value; absent and null both mean "use the default". */
    static Optional<JsonNode> opt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }
}
