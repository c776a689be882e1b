package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.logitlab.core.Evaluation;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.History;
import org.logitlab.core.Init;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.RunStatus;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.Datasets;
import org.logitlab.render.Palette;
import org.logitlab.web.Json;
import org.logitlab.web.run.Permalink;

/** Everything the lab template shows for one run at one step, as template variables. */
final class LabModel {
    /** Training counts as converged once ‖∇J‖ falls below this. */
    static final double CONVERGED_GRADIENT_NORM = 1e-4;
    /** Radii, in SVG units, of the rings round misclassified and highlighted points. */
    static final double WRONG_RING = 8;
    static final double HIGHLIGHT_RING = 11;

    private LabModel() {
    }

    /**
     * @param historyFrom first history step the charts are sent (0 for the whole history on a full render)
     * @param oob         whether fragments are rendered for an out-of-band swap
     */
    static Map<String, Object> of(String id, TrainingRun run, RunSnapshot s, Permalink permalink, Locale locale,
                                  int historyFrom, boolean oob, Inspection inspection) {
        String state = permalink.query(s);
        Map<String, Object> m = new HashMap<>();
        RunConfig config = s.config();
        FeatureMap map = config.features();
        LogisticModel model = run.objective().model();
        Evaluation e = s.evaluation();

        m.put("oob", oob);
        m.put("blank", false);
        m.put("lang", locale.getLanguage());
        m.put("runId", id);
        m.put("state", state);
        m.put("permalink", "/?" + state);
        m.put("exportQuery", exportQuery(id, state));
        m.put("step", s.step());
        m.put("status", s.status().key());
        m.put("diverged", s.status() == RunStatus.DIVERGED);
        m.put("converged", s.status() == RunStatus.OK && e.gradientNorm() < CONVERGED_GRADIENT_NORM);
        m.put("maxStep", Math.max(s.step(), run.furthestStep()));
        m.put("classes", config.classes());
        m.put("config", config);
        m.put("custom", config.dataset().isCustom());
        m.put("customPoints", config.dataset().isCustom() ? permalink.pointsValue(config.dataset().points()) : "");

        m.put("trainLoss", Numbers.sig(e.trainLoss(), 6));
        m.put("trainLossValue", e.trainLoss());
        m.put("objective", Numbers.sig(e.objective(), 6));
        m.put("testLoss", e.testLoss() == null ? null : Numbers.sig(e.testLoss(), 6));
        m.put("trainAccuracy", Numbers.percent(e.trainAccuracy()));
        m.put("testAccuracy", e.testAccuracy() == null ? null : Numbers.percent(e.testAccuracy()));
        m.put("gradientNorm", Numbers.sig(e.gradientNorm(), 4));
        m.put("gradientNormValue", e.gradientNorm());
        m.put("deltaObjective", s.previousObjective() == null ? null
                : Numbers.signed(e.objective() - s.previousObjective(), 4));

        // The point layer and the controls do not change with a step; only whole renders need them.
        m.put("marks", oob ? List.of() : PlotView.marks(run));
        m.put("wrong", PlotView.misclassified(run, map, s.parameters(), WRONG_RING));
        m.put("field", PlotView.field(model, map, s.parameters()));
        m.put("boundaries", PlotView.boundaries(model, map, s.parameters()));
        m.put("arrows", PlotView.arrows(model, map, s.parameters()));
        m.put("xticks", PlotView.ticks(false));
        m.put("yticks", PlotView.ticks(true));
        m.put("colours", Palette.COLOURS);
        m.put("shapes", Palette.SHAPES);
        m.put("modelJson", modelJson(s));

        m.put("gradientRows", GradientTable.rows(s, locale));
        m.put("gradientHeaders", GradientTable.headers(map));
        m.put("learningRate", s.hyperparameters().learningRate());
        m.put("l2", s.hyperparameters().l2());
        m.put("chartRows", chartRows(run.historyRows(historyFrom)));
        m.put("chartReset", historyFrom == 0);

        if (!oob) {
            m.putAll(FormModel.of(config, run));
        }
        m.put("inspectToken", inspection == null ? "" : inspection.token());
        Map<String, Object> inspector = inspection == null ? null : Inspector.of(inspection, run, s,
                oob && historyFrom > 0);
        m.put("inspector", inspector);
        m.put("highlighted", inspector == null ? ""
                : PlotView.rings(run, (List<?>) inspector.get("highlight"), HIGHLIGHT_RING));
        return m;
    }

    /**
     * Turns a model built on a placeholder run into the empty canvas of a custom set: no run, no points, no
     * numbers, and {@code state} (the canvas's permalink query) as the state.
     */
    static void blank(Map<String, Object> m, String state) {
        m.put("blank", true);
        m.put("runId", "");
        m.put("state", state);
        m.put("permalink", "/?" + state);
        m.put("exportQuery", exportQuery("", state));
        m.put("customPoints", "");
        m.put("marks", List.of());
        m.put("wrong", "");
        m.put("highlighted", "");
        m.put("field", "");
        m.put("boundaries", "");
        m.put("arrows", List.of());
        m.put("gradientRows", List.of());
        m.put("chartRows", "[]");
        m.put("chartReset", true);
        m.put("deltaObjective", null);
        m.put("status", "ok");
        m.put("diverged", false);
        m.put("converged", false);
    }

    /** {@code run=…&state=…} for the export links, encoded once rather than once per link. */
    private static String exportQuery(String id, String state) {
        return "run=" + id + "&state=" + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The weights and feature map, so the page can show p(y|x) under the cursor without asking the server. */
    private static String modelJson(RunSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameterization", s.config().parameterization().key());
        out.put("classes", s.config().classes());
        out.put("features", s.config().features().keys());
        out.put("weights", s.parameters().weightRows());
        out.put("biases", s.parameters().biasArray());
        return write(out);
    }

    /** History rows as compact JSON arrays: [step, train loss, test loss, objective, train acc, test acc, ‖g‖]. */
    private static String chartRows(List<History.Row> history) {
        List<Object[]> rows = new ArrayList<>();
        for (History.Row r : history) {
            rows.add(new Object[] {r.step(), r.trainLoss(), r.testLoss(), r.objective(), r.trainAccuracy(),
                r.testAccuracy(), r.gradientNorm()});
        }
        return write(rows);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values and choices of the controls form. */
    static final class FormModel {
        /** A dataset option and the largest K it can make. */
        record DatasetOption(String name, int maxClasses) {
        }

        /** A K option, disabled when the dataset cannot make it. */
        record ClassOption(int k, boolean disabled) {
        }

        /** A feature checkbox. */
        record FeatureOption(String key, String label, boolean checked) {
        }

        private FormModel() {
        }

        static Map<String, Object> of(RunConfig config, TrainingRun run) {
            Map<String, Object> m = new HashMap<>();
            List<DatasetOption> datasets = new ArrayList<>();
            for (String name : Datasets.NAMES) {
                datasets.add(new DatasetOption(name, Datasets.maxClasses(name)));
            }
            m.put("datasetOptions", datasets);
            int max = Datasets.maxClasses(config.dataset().name());
            List<ClassOption> classes = new ArrayList<>();
            for (int k = Datasets.MIN_CLASSES; k <= Datasets.MAX_CLASSES; k++) {
                classes.add(new ClassOption(k, k > max));
            }
            m.put("classOptions", classes);
            List<FeatureOption> features = new ArrayList<>();
            for (Feature f : Feature.values()) {
                features.add(new FeatureOption(f.key(), FeatureLabels.text(f), config.features().features().contains(f)));
            }
            m.put("featureOptions", features);
            m.put("datasetName", config.dataset().name());
            m.put("n", config.dataset().isCustom() ? run.dataset().size() : config.dataset().n());
            m.put("noise", config.dataset().noise());
            m.put("dataSeed", config.dataset().seed());
            m.put("parameterization", config.parameterization().key());
            m.put("optimizer", config.optimizer().key());
            m.put("batchSize", config.batchSize());
            m.put("testFraction", config.testFraction());
            m.put("seed", config.seed());
            m.put("init", config.init() instanceof Init.Random ? "random"
                    : config.init() instanceof Init.Explicit ? "explicit" : "zeros");
            return m;
        }
    }
}
