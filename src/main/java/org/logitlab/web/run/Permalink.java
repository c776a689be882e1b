package org.logitlab.web.run;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.RunStatus;
import org.logitlab.data.DatasetSpec;
import org.logitlab.text.Sentence;
import org.logitlab.web.input.FieldError;

/**
 * The URL that reproduces a run exactly: {@code /?dataset=blobs&n=200&...&step=37}. Doubles are written with
 * {@link Double#toString}, which reads back to the same bits. Custom points travel as {@code x1,x2,label;...};
 * a set longer than {@link #INLINE_POINTS_LIMIT} characters is saved by the {@link PointStore} and referenced as
 * {@code points=@<sha256>}; their class names and standardization travel as {@code names} and {@code standardized}
 * ({@link PermalinkValues}), λ₁ as {@code l1} when it is not 0.
 */
public final class Permalink {
    public static final int INLINE_POINTS_LIMIT = 1500;
    /** Parameters the page reads besides the run's own. */
    public static final Set<String> PAGE_PARAMETERS = Set.of("lang", "inspect", "hide", "discretize", "label",
            "run", "state", "landscape", "la", "lb");
    private static final Set<String> RUN_PARAMETERS = Set.of("dataset", "n", "noise", "dataSeed", "points", "classes",
            "parameterization", "features", "optimizer", "batchSize", "learningRate", "l2", "l1", "testFraction",
            "seed", "init", "weights", "biases", "schedule", "step", "names", "standardized");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PointStore pointStore;
    private final Cache<List<double[]>, String> encodedPoints = Caffeine.newBuilder().weakKeys().build();

    public Permalink(PointStore pointStore) {
        this.pointStore = pointStore;
    }

    /**
     * The query that reproduces a snapshot. A diverged run is written one step further on: replaying to there
     * retries the update that failed and stops, diverged, at the same step.
     */
    public String query(RunSnapshot s) {
        return query(s.config(), s.status() == RunStatus.DIVERGED ? s.step() + 1 : s.step());
    }

    public String of(RunSnapshot s) {
        return "/?" + query(s);
    }

    /** The path and query that reproduce {@code config} at {@code step}. */
    public String of(RunConfig config, long step) {
        return "/?" + query(config, step);
    }

    public String query(RunConfig config, long step) {
        Map<String, String> q = new LinkedHashMap<>();
        DatasetSpec data = config.dataset();
        q.put("dataset", data.name());
        if (data.isCustom()) {
            q.put("points", pointsValue(data.points()));
            if (!data.classNames().isEmpty()) {
                q.put("names", PermalinkValues.names(data.classNames()));
            }
            if (data.standardization() != null) {
                q.put("standardized", PermalinkValues.standardization(data.standardization()));
            }
        } else {
            q.put("n", Integer.toString(data.n()));
            q.put("noise", Double.toString(data.noise()));
            q.put("dataSeed", Long.toString(data.seed()));
        }
        q.put("classes", Integer.toString(config.classes()));
        q.put("parameterization", config.parameterization().key());
        q.put("features", String.join(",", config.features().keys()));
        q.put("optimizer", config.optimizer().key());
        q.put("batchSize", Integer.toString(config.batchSize()));
        Hyperparameters first = config.schedule().get(0L);
        q.put("learningRate", Double.toString(first.learningRate()));
        q.put("l2", Double.toString(first.l2()));
        if (first.l1() != 0.0) {
            q.put("l1", Double.toString(first.l1()));
        }
        q.put("testFraction", Double.toString(config.testFraction()));
        q.put("seed", Long.toString(config.seed()));
        if (config.init() instanceof Init.Explicit e) {
            q.put("init", "explicit");
            q.put("weights", PermalinkValues.encodeRows(e.start().weightRows()));
            q.put("biases", PermalinkValues.encodeRow(e.start().biasArray()));
        } else {
            q.put("init", config.init() instanceof Init.Random ? "random" : "zeros");
        }
        String schedule = PermalinkValues.schedule(config.schedule());
        if (schedule != null) {
            q.put("schedule", schedule);
        }
        q.put("step", Long.toString(step));
        StringJoiner out = new StringJoiner("&");
        q.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)
                .replace("%2C", ",").replace("%3B", ";").replace("%3A", ":").replace("%40", "@")));
        return out.toString();
    }

    /**
     * Saves the configuration's point set now if its permalink needs it saved, so that a store that cannot save
     * it fails the request before a run is built and kept, never after.
     */
    public void savePoints(RunConfig config) {
        if (config.dataset().isCustom()) {
            pointsValue(config.dataset().points());
        }
    }

    /** The {@code points} parameter for a custom set: inline, or {@code @<sha256>} once saved on disk. */
    public String pointsValue(List<double[]> points) {
        // A run's points never change, so each list is encoded (and saved) once; weak keys compare by identity.
        return encodedPoints.get(points, p -> {
            String encoded = PermalinkValues.encodePoints(p);
            return encoded.length() > INLINE_POINTS_LIMIT ? "@" + pointStore.save(encoded) : encoded;
        });
    }

    /** Reads a run from URL parameters (a permalink or the page's form); null when no run parameter is given. */
    public RunSpec read(Map<String, List<String>> parameters) {
        Map<String, String> q = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || PAGE_PARAMETERS.contains(name)) {
                continue;
            }
            if (!RUN_PARAMETERS.contains(name)) {
                throw FieldError.invalid(name, "error.permalink.unknown", String.join(", ",
                        RUN_PARAMETERS.stream().sorted().toList()));
            }
            if ("features".equals(name)) {
                // Checkboxes send one value each (after the form's empty one, which says the list was sent even
                // when no box is ticked); a permalink sends them comma-separated.
                List<String> ticked = e.getValue().stream().filter(v -> !v.isEmpty()).toList();
                if (ticked.isEmpty()) {
                    throw FieldError.invalid("features", "error.features.none");
                }
                q.put(name, String.join(",", ticked));
                continue;
            }
            if (e.getValue().size() != 1) {
                throw FieldError.invalid(name, "error.permalink.repeated");
            }
            q.put(name, e.getValue().get(0));
        }
        if (q.isEmpty()) {
            return null;
        }
        try {
            return RunSpecReader.fromText(tree(q));
        } catch (FieldError e) {
            throw FieldError.invalid(parameterName(e.field()), e.reason());
        }
    }

    /** Parses a raw query string such as {@code dataset=blobs&step=3}. */
    public static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw FieldError.invalid("state", "error.permalink.escape");
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private ObjectNode tree(Map<String, String> q) {
        ObjectNode root = JSON.objectNode();
        ObjectNode dataset = root.putObject("dataset");
        copy(q, "dataset", dataset, "name");
        copy(q, "n", dataset, "n");
        copy(q, "noise", dataset, "noise");
        copy(q, "dataSeed", dataset, "seed");
        if (q.containsKey("points")) {
            dataset.set("points", decodePoints(q.get("points")));
        }
        if (q.containsKey("names")) {
            dataset.set("classNames", PermalinkValues.readNames(q.get("names")));
        }
        if (q.containsKey("standardized")) {
            dataset.set("standardization", StandardizationJson.tree(
                    PermalinkValues.readStandardization(q.get("standardized"))));
        }
        for (String f : List.of("classes", "parameterization", "optimizer", "batchSize", "learningRate", "l2", "l1",
                "testFraction", "seed", "step")) {
            copy(q, f, root, f);
        }
        if (q.containsKey("features")) {
            ArrayNode features = root.putArray("features");
            for (String f : q.get("features").split(",", -1)) {
                features.add(f);
            }
        }
        String init = q.get("init");
        for (String f : List.of("weights", "biases")) {
            if (q.containsKey(f) && !"explicit".equals(init)) {
                throw FieldError.invalid(f, "error.permalink.explicitOnly");
            }
        }
        if ("explicit".equals(init)) {
            ObjectNode explicit = root.putObject("init");
            explicit.set("weights", PermalinkValues.decodeRows(q.getOrDefault("weights", ""), "weights"));
            explicit.set("biases", PermalinkValues.decodeRow(q.getOrDefault("biases", ""), "biases"));
        } else if (init != null) {
            root.put("init", init);
        }
        if (q.containsKey("schedule")) {
            root.set("schedule", PermalinkValues.readSchedule(q.get("schedule")));
        }
        return root;
    }

    private static void copy(Map<String, String> q, String from, ObjectNode to, String field) {
        if (q.containsKey(from)) {
            to.put(field, q.get(from));
        }
    }

    private ArrayNode decodePoints(String text) {
        String encoded = text;
        if (text.startsWith("@")) {
            encoded = pointStore.load(text.substring(1)).orElseThrow(() ->
                    FieldError.invalid("points", "error.permalink.noPointSet"));
        }
        ArrayNode points = JSON.arrayNode();
        if (encoded.isEmpty()) {
            return points;
        }
        String[] rows = encoded.split(";");
        if (rows.length > DatasetSpec.MAX_POINTS) {
            throw FieldError.invalid("points", Sentence.AT_MOST_POINTS.with(DatasetSpec.MAX_POINTS));
        }
        for (String row : rows) {
            String[] parts = row.split(",", -1);
            if (parts.length != 3) {
                throw FieldError.invalid("points", "error.permalink.points");
            }
            ArrayNode p = points.addArray();
            for (String part : parts) {
                p.add(part);
            }
        }
        return points;
    }

    /** The URL parameter a JSON field path came from, so that page errors name the control. */
    public static String parameterName(String jsonField) {
        if (jsonField.startsWith("dataset.points")) {
            return "points";
        }
        if (jsonField.startsWith("init.")) {
            return jsonField.substring("init.".length());
        }
        if (jsonField.startsWith("dataset.standardization")) {
            return "standardized";
        }
        return switch (jsonField) {
            case "dataset.classNames" -> "names";
            case "dataset.name" -> "dataset";
            case "dataset.n" -> "n";
            case "dataset.noise" -> "noise";
            case "dataset.seed" -> "dataSeed";
            default -> jsonField;
        };
    }
}
