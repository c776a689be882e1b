package org.logitlab.web.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Optimizer;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunConfig;
import org.logitlab.data.DatasetSpec;
import org.logitlab.data.Datasets;
import org.logitlab.data.Split;
import org.logitlab.text.Reason;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.FieldReader;
import org.logitlab.web.input.Json;

/**
 * Turns the JSON body of {@code POST /api/runs} into a {@link RunSpec}, checking every field's type and range
 * and rejecting unknown fields. Every field is optional; the defaults are those of the API contract.
 */
public final class RunSpecReader {
    public static final int DEFAULT_N = 200;
    public static final double DEFAULT_NOISE = 0.1;
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Seeds stay within JavaScript's exact integers, so a browser never rounds one. */
    public static final long MAX_SEED = (1L << 53) - 1;
    /** The highest column number (1 is the first) a CSV request may choose for x1, x2 or the label. */
    public static final int MAX_CSV_COLUMN = 1000;

    private static final Set<String> TOP = Set.of("dataset", "classes", "parameterization", "features", "optimizer",
            "batchSize", "learningRate", "l2", "l1", "testFraction", "seed", "init", "step", "schedule");
    private static final Set<String> SCHEDULE_FIELDS = Set.of("from", "learningRate", "l2", "l1");
    private static final String SCHEDULE_ENTRY =
            "{\"from\": step, \"learningRate\": η, \"l2\": λ₂, \"l1\": λ₁ (optional, 0 if left out)}";

    private final FieldReader read;

    private RunSpecReader(boolean textNumbers) {
        this.read = textNumbers ? FieldReader.TEXT : FieldReader.STRICT;
    }

    /** For JSON bodies: numbers must be JSON numbers. */
    public static RunSpec fromJson(JsonNode body) {
        return new RunSpecReader(false).read(body);
    }

    /** For trees built from URL parameters, where numbers arrive as text. */
    static RunSpec fromText(JsonNode tree) {
        return new RunSpecReader(true).read(tree);
    }

    private RunSpec read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldError.invalid("body", "error.json.object");
        }
        Json.rejectUnknown(body, TOP, "");

        Long givenClasses = opt(body, "classes").map(n -> read.integer(n, "classes", Datasets.MIN_CLASSES,
                Datasets.MAX_CLASSES)).orElse(null);
        DatasetSpec dataset = new DatasetReader(read).read(body.get("dataset"));
        // Named classes (a CSV file's labels) set K unless the request says otherwise.
        List<String> names = dataset.classNames();
        int classes = givenClasses != null ? givenClasses.intValue() : Math.max(Datasets.MIN_CLASSES, names.size());
        if (classes < names.size()) {
            throw FieldError.invalid("classes", "error.spec.namedClasses", names.size(), String.join(", ", names));
        }

        Parameterization parameterization = opt(body, "parameterization")
                .map(n -> Parameterization.byKey(read.text(n, "parameterization", Reason.of("error.spec.parameterizations"))))
                .orElse(classes == 2 ? Parameterization.SIGMOID : Parameterization.SOFTMAX);
        if (parameterization == Parameterization.SIGMOID && classes != 2) {
            throw FieldError.invalid("parameterization", "error.spec.sigmoidClasses", classes);
        }
        FeatureMap features = opt(body, "features").map(this::features).orElse(FeatureMap.LINEAR);
        Optimizer optimizer = opt(body, "optimizer")
                .map(n -> Optimizer.byKey(read.text(n, "optimizer", Reason.of("error.spec.optimizers"))))
                .orElse(Optimizer.BATCH);
        int batchSize = (int) opt(body, "batchSize")
                .map(n -> read.integer(n, "batchSize", 1, RunConfig.MAX_BATCH_SIZE)).orElse((long) DEFAULT_BATCH_SIZE)
                .longValue();
        double learningRate = opt(body, "learningRate")
                .map(n -> read.number(n, "learningRate", 0, Hyperparameters.MAX_LEARNING_RATE, true))
                .orElse(DEFAULT_LEARNING_RATE);
        double l2 = opt(body, "l2").map(n -> read.number(n, "l2", 0, Hyperparameters.MAX_L2, false)).orElse(0.0);
        double l1 = opt(body, "l1").map(n -> read.number(n, "l1", 0, Hyperparameters.MAX_L1, false)).orElse(0.0);
        double testFraction = opt(body, "testFraction")
                .map(n -> read.number(n, "testFraction", 0, Split.MAX_TEST_FRACTION, false)).orElse(0.0);
        long seed = opt(body, "seed").map(n -> read.integer(n, "seed", 0, MAX_SEED)).orElse(1L);
        int rows = parameterization.rows(classes);
        Init init = opt(body, "init").map(n -> init(n, rows, features.size())).orElse(new Init.Zeros());
        long step = opt(body, "step").map(n -> read.integer(n, "step", 0, RunSpec.MAX_STEP)).orElse(0L);

        NavigableMap<Long, Hyperparameters> schedule = new TreeMap<>();
        schedule.put(0L, new Hyperparameters(learningRate, l2, l1));
        opt(body, "schedule").ifPresent(n -> schedule(n, schedule));

        RunConfig config = new RunConfig(dataset, classes, parameterization, features, optimizer, batchSize,
                testFraction, seed, init, schedule);
        return new RunSpec(config, step);
    }

    private FeatureMap features(JsonNode node) {
        Reason allowed = Reason.of("error.spec.featureList", Feature.allowedKeys());
        if (!node.isArray() || node.isEmpty()) {
            throw FieldError.invalid("features", "error.spec.mustBe", allowed);
        }
        List<Feature> features = new ArrayList<>();
        for (JsonNode f : node) {
            String key = read.text(f, "features", allowed);
            Feature feature = Feature.byKey(key)
                    .orElseThrow(() -> FieldError.invalid("features", "error.spec.unknownFeature", key,
                            Feature.allowedKeys()));
            if (features.contains(feature)) {
                throw FieldError.invalid("features", "error.spec.featureTwice", key);
            }
            features.add(feature);
        }
        return new FeatureMap(features);
    }

    private Init init(JsonNode node, int rows, int dimension) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "zeros" -> new Init.Zeros();
                case "random" -> new Init.Random();
                default -> throw FieldError.invalid("init", "error.spec.init",
                        "{\"weights\": [[...]], \"biases\": [...]}");
            };
        }
        Reason shape = Reason.of("error.spec.rows", rows, dimension);
        Reason biasShape = Reason.of("error.spec.numbers", rows);
        if (!node.isObject() || !node.has("weights") || !node.has("biases") || node.size() != 2) {
            throw FieldError.invalid("init", "error.spec.initShaped", shape, biasShape);
        }
        JsonNode w = node.get("weights");
        JsonNode b = node.get("biases");
        if (!w.isArray() || w.size() != rows) {
            throw FieldError.invalid("init.weights", "error.spec.weights", shape);
        }
        double[][] weights = new double[rows][dimension];
        for (int r = 0; r < rows; r++) {
            JsonNode row = w.get(r);
            if (!row.isArray() || row.size() != dimension) {
                throw FieldError.invalid("init.weights", "error.spec.mustBe", shape);
            }
            for (int i = 0; i < dimension; i++) {
                weights[r][i] = read.number(row.get(i), "init.weights", -1e6, 1e6, false);
            }
        }
        if (!b.isArray() || b.size() != rows) {
            throw FieldError.invalid("init.biases", "error.spec.mustBe", biasShape);
        }
        double[] biases = new double[rows];
        for (int r = 0; r < rows; r++) {
            biases[r] = read.number(b.get(r), "init.biases", -1e6, 1e6, false);
        }
        return new Init.Explicit(Parameters.ofRows(weights, biases));
    }

    /**
     * Later learning-rate/λ changes: {@code [{"from": step, "learningRate": η, "l2": λ₂, "l1": λ₁}, ...]}, λ₁
     * optional (0 if left out, as in a permalink written before L1).
     */
    private void schedule(JsonNode node, NavigableMap<Long, Hyperparameters> schedule) {
        if (!node.isArray()) {
            throw FieldError.invalid("schedule", "error.spec.scheduleList", SCHEDULE_ENTRY);
        }
        for (JsonNode entry : node) {
            if (!entry.isObject() || !entry.has("from") || !entry.has("learningRate") || !entry.has("l2")
                    || !SCHEDULE_FIELDS.containsAll(entry.properties().stream().map(Map.Entry::getKey).toList())) {
                throw FieldError.invalid("schedule", "error.spec.scheduleEntry", SCHEDULE_ENTRY);
            }
            long from = read.integer(entry.get("from"), "schedule", 1, RunSpec.MAX_STEP);
            if (from <= schedule.lastKey()) {
                throw FieldError.invalid("schedule", "error.spec.scheduleOrder");
            }
            schedule.put(from, new Hyperparameters(
                    read.number(entry.get("learningRate"), "schedule", 0, Hyperparameters.MAX_LEARNING_RATE, true),
                    read.number(entry.get("l2"), "schedule", 0, Hyperparameters.MAX_L2, false),
                    entry.has("l1") ? read.number(entry.get("l1"), "schedule", 0, Hyperparameters.MAX_L1, false)
                            : 0.0));
        }
    }

    private static Optional<JsonNode> opt(JsonNode node, String field) {
        return DatasetReader.opt(node, field);
    }
}
