package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.logitlab.core.Evaluation;
import org.logitlab.core.History;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.RunStatus;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.Permalink;

/**
 * The views of the comparison page ({@code compare.html}): each side's plot layers and numbers, built by
 * {@link LabViews} exactly as the playground builds its own, and what belongs to the two together — one transport,
 * one loss chart with both curves, and the settings that differ.
 */
final class CompareViews {
    private CompareViews() {
    }

    /** The fields the page sends back: both runs' ids and permalink queries, and the comparison's address. */
    record Ref(String runA, String a, String runB, String b, String address) {
    }

    /**
     * One side: its name ("a" or "b"), the playground's views of its run ({@code under}, {@code points},
     * {@code over}, {@code metrics}), its step, how it stands, and its run in the playground.
     */
    record Side(String name, Map<String, Object> views, long step, String status, boolean diverged,
                String playground) {
    }

    /** A setting in which the runs differ, as the controls name it. */
    record Difference(String key, String name, String a, String b) {
    }

    /** The loss chart's update: drop steps from {@code keep}, then append rows [step, loss a, loss b]. */
    record Feed(String rows, long keep, String summary) {
    }

    /**
     * The template variables of the comparison: of the whole page when {@code whole}, else of what a move changes
     * (no points layer, no settings).
     */
    static Map<String, Object> model(Comparison c, Locale locale, boolean oob, boolean whole, Permalink permalink,
                                     Views.Message message, boolean languagesOutOfBand) {
        Map<String, Object> m = new HashMap<>();
        String lang = locale.getLanguage();
        String address = c.address(lang);
        m.put("oob", oob);
        m.put("lang", lang);
        m.put("plot", Views.Plot.FRAME);
        m.put("actions", "/compare");
        m.put("message", message);
        m.put("ref", new Ref(c.a().id(), c.a().query(), c.b().id(), c.b().query(), address));
        m.put("languages", new Views.Languages(c.address("en"), c.address("zh"), languagesOutOfBand));
        m.put("transport", transport(c));
        // With curved features run b's views (its field and traced boundaries, the step's heaviest part) are begun on
        // another thread while this one builds run a's.
        Supplier<Side> sideB = LabViews.alongside(LabViews.curved(c.a()) || LabViews.curved(c.b()),
                () -> side("b", c.b(), locale, oob, whole, permalink));
        Side a = side("a", c.a(), locale, oob, whole, permalink);
        Side b = sideB.get();
        m.put("a", a);
        m.put("b", b);
        m.put("sides", List.of(a, b));
        m.put("feed", feed(c, locale));
        if (whole) {
            m.put("diff", differences(c, locale));
            m.put("settings", Controls.of(c.b().config(), c.b().run().dataset().size(), ""));
            Hyperparameters hp = c.b().snapshot().hyperparameters();
            m.put("tuning", new Views.Tuning(hp.learningRate(), hp.l2(), hp.l1()));
        }
        return m;
    }

    /** The variables of one side's own fragments ({@code under}, {@code over}, {@code numbers}) in a move's answer. */
    static Map<String, Object> sideModel(Map<String, Object> model, String name) {
        Side s = (Side) model.get(name);
        Map<String, Object> m = new HashMap<>(model);
        m.put("s", s);
        m.put("side", name);
        m.putAll(s.views());
        return m;
    }

    private static Side side(String name, LabState.Live live, Locale locale, boolean oob, boolean whole,
                             Permalink permalink) {
        Set<Fragment> parts = whole
                ? EnumSet.of(Fragment.PLOT_UNDER, Fragment.PLOT_POINTS, Fragment.PLOT_OVER, Fragment.METRICS)
                : EnumSet.of(Fragment.PLOT_UNDER, Fragment.PLOT_OVER, Fragment.METRICS);
        LabViews.Scene scene = new LabViews.Scene(live, null, locale, oob, Views.Message.NONE, permalink,
                Lesson.PLAIN, 0);
        Map<String, Object> views = LabViews.model(scene, parts);
        RunSnapshot s = live.snapshot();
        boolean diverged = s.status() == RunStatus.DIVERGED;
        boolean converged = !diverged && s.evaluation().gradientNorm() < LabViews.CONVERGED_GRADIENT_NORM;
        String status = diverged ? Templates.message(locale, "status.diverged", s.hyperparameters().learningRate())
                : converged ? Templates.message(locale, "status.converged") : "";
        return new Side(name, views, s.step(), status, diverged, "/?" + live.query() + "&lang=" + locale.getLanguage());
    }

    /**
     * The one transport: the furthest of the two steps (a run that diverged stays where it stopped), stopped when
     * neither run can go on.
     */
    private static Views.Transport transport(Comparison c) {
        RunSnapshot a = c.a().snapshot();
        RunSnapshot b = c.b().snapshot();
        boolean aDiverged = a.status() == RunStatus.DIVERGED;
        boolean bDiverged = b.status() == RunStatus.DIVERGED;
        boolean aDone = aDiverged || a.evaluation().gradientNorm() < LabViews.CONVERGED_GRADIENT_NORM;
        boolean bDone = bDiverged || b.evaluation().gradientNorm() < LabViews.CONVERGED_GRADIENT_NORM;
        boolean diverged = aDiverged && bDiverged;
        return new Views.Transport(Math.max(a.step(), b.step()), Math.max(c.a().furthestStep(),
                c.b().furthestStep()), diverged ? RunStatus.DIVERGED.key() : RunStatus.OK.key(),
                aDone && bDone && !diverged, diverged, a.hyperparameters().learningRate(), false);
    }

    /** Both runs' chart rows merged by step: [step, train loss a, train loss b], a missing value as null. */
    private static Feed feed(Comparison c, Locale locale) {
        TreeMap<Long, Double[]> rows = new TreeMap<>();
        List<LabState.Live> sides = List.of(c.a(), c.b());
        for (int j = 0; j < 2; j++) {
            for (History.Row r : sides.get(j).chart().rows()) {
                rows.computeIfAbsent(r.step(), k -> new Double[2])[j] = r.trainLoss();
            }
        }
        Object[][] out = new Object[rows.size()][];
        int n = 0;
        for (Map.Entry<Long, Double[]> e : rows.entrySet()) {
            out[n++] = new Object[] {e.getKey(), e.getValue()[0], e.getValue()[1]};
        }
        long keep = Math.min(c.a().chart().keep(), c.b().chart().keep());
        Evaluation ea = c.a().snapshot().evaluation();
        Evaluation eb = c.b().snapshot().evaluation();
        String summary = Templates.message(locale, "compare.chart.now", c.a().snapshot().step(),
                Numbers.sig(ea.trainLoss(), 4), c.b().snapshot().step(), Numbers.sig(eb.trainLoss(), 4));
        return new Feed(Json.write(out), keep, summary);
    }

    /** The settings in which the two permalinks differ (the step aside), in the permalink's order. */
    static List<Difference> differences(Comparison c, Locale locale) {
        Map<String, List<String>> a = Permalink.parseQuery(c.a().query());
        Map<String, List<String>> b = Permalink.parseQuery(c.b().query());
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.remove("step");
        List<Difference> out = new ArrayList<>();
        for (String key : keys) {
            String va = String.join(",", a.getOrDefault(key, List.of("—")));
            String vb = String.join(",", b.getOrDefault(key, List.of("—")));
            if (!Objects.equals(va, vb)) {
                out.add(new Difference(key, FieldNames.of(locale, key), FieldNames.value(locale, key, va),
                        FieldNames.value(locale, key, vb)));
            }
        }
        return out;
    }
}
