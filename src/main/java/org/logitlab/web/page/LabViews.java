package org.logitlab.web.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

import org.logitlab.core.Evaluation;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.History;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.RunStatus;
import org.logitlab.render.Landscape;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.ParameterJson;
import org.logitlab.web.run.Permalink;

/**
 * Builds the views that the fragments of one answer read, and only those: a step does not build the controls, an
 * inspector request does not encode the confidence field.
 */
final class LabViews {
    /** Training counts as converged once ‖∇J‖ falls below this. */
    static final double CONVERGED_GRADIENT_NORM = 1e-4;
    /** Radii, in SVG units, of the rings round misclassified and highlighted points. */
    static final double WRONG_RING = 8;
    static final double HIGHLIGHT_RING = 11;

    private LabViews() {
    }

    /**
     * What one answer shows.
     *
     * @param oob      whether the fragments are swapped out of band (a step) rather than in place (a page, the lab)
     * @param message  what was not applied, shown beside the controls
     * @param lesson   what is hidden for the lesson, and whether the output is discretized
     * @param newClass the class a click adds on a custom canvas
     */
    record Scene(LabState state, Inspection inspection, Locale locale, boolean oob, Views.Message message,
                 Permalink permalink, Lesson lesson, int newClass) {
        /** The address of this state as the page shows it: the run's permalink and the lesson's settings. */
        String address() {
            return "/?" + state.query() + lesson.query();
        }
    }

    /**
     * The template variables of the given fragments: of every fragment when {@code fragments} is empty (the whole
     * page) or holds {@link Fragment#LAB}.
     */
    static Map<String, Object> model(Scene scene, Set<Fragment> fragments) {
        Set<Fragment> wanted = fragments.isEmpty() || fragments.contains(Fragment.LAB)
                ? EnumSet.allOf(Fragment.class) : fragments;
        Map<String, Object> m = new HashMap<>();
        m.put("oob", scene.oob());
        m.put("lang", scene.locale().getLanguage());
        m.put("plot", Views.Plot.FRAME);
        m.put("actions", "/lab");
        // With curved features the plot's lower layer (the confidence field and the traced boundaries, about 1 ms) is
        // begun on another thread while this one builds the rest.
        Supplier<Views.Under> under = wanted.contains(Fragment.PLOT_UNDER)
                ? alongside(curved(scene.state()), () -> under(scene)) : null;
        InspectorView inspector = wanted.contains(Fragment.INSPECTOR) || wanted.contains(Fragment.PLOT_OVER)
                ? inspector(scene) : null;
        m.put("ref", ref(scene.state())); // the run and state that forms inside several fragments send back
        for (Fragment f : wanted) {
            switch (f) {
                case LAB -> {
                    m.put("controls", controls(scene));
                    m.put("tuning", tuning(scene.state()));
                    m.put("lesson", new Views.LessonView(scene.lesson().hideList(), scene.lesson().discretize(),
                            scene.lesson().toggles(scene.state().query())));
                }
                case PLOT_POINTS -> m.put("points", points(scene));
                case RUNREF -> { } // its view, ref, is every fragment's
                case LANGUAGES -> m.put("languages", languages(scene, fragments.contains(Fragment.LAB)));
                case TRANSPORT -> m.put("transport", transport(scene.state()));
                case PLOT_UNDER -> { } // joined below
                case PLOT_OVER -> m.put("over", over(scene.state(), inspector));
                case METRICS -> m.put("metrics", metrics(scene));
                case CHART_FEED -> m.put("feed", feed(scene));
                case GRADIENTS -> m.put("gradients", gradients(scene));
                case INSPECTOR -> m.put("inspector", inspector);
                case LANDSCAPE -> m.put("landscape", landscape(scene));
                case MESSAGE, CSV_ERROR -> m.put("message", scene.message());
                default -> throw new IllegalStateException(f.toString());
            }
        }
        if (under != null) {
            m.put("under", under.get());
        }
        return m;
    }

    /**
     * {@code work}, begun on the common pool when it is {@code worth} handing over, else left to the caller: the
     * result gives its value, joined, or computed by the caller when no worker has taken it (or it was not handed
     * over). The work of a crowd stays the same; a click waits for the longer part, not for both. Straight boundaries
     * cost microseconds: under load, handing such work over cost more CPU than it saved.
     */
    static <T> Supplier<T> alongside(boolean worth, Supplier<T> work) {
        if (!worth) {
            return work;
        }
        ForkJoinTask<T> task = ForkJoinTask.adapt(work::get).fork();
        return task::join;
    }

    /** Whether the state is a run with curved features, whose boundaries are traced. */
    static boolean curved(LabState state) {
        return state instanceof LabState.Live live && !live.snapshot().config().features().isLinear();
    }

    private static Views.Ref ref(LabState state) {
        return new Views.Ref(state instanceof LabState.Live live ? live.id() : "", state.query());
    }

    /** The page in each language, at this state, with the same inspector open. */
    private static Views.Languages languages(Scene scene, boolean withLab) {
        String here = scene.address() + (scene.inspection() == null ? ""
                : "&inspect=" + URLEncoder.encode(scene.inspection().token(), StandardCharsets.UTF_8));
        if (scene.state() instanceof LabState.Live live && live.landscape() != null) {
            Landscape l = live.landscape();
            here += "&landscape=" + URLEncoder.encode(LandscapeAsk.keeps(l.a().parameter(),
                    l.b().parameter()), StandardCharsets.UTF_8);
        }
        return new Views.Languages(here + "&lang=en", here + "&lang=zh", scene.oob() || withLab);
    }

    private static Views.Transport transport(LabState state) {
        if (state instanceof LabState.Live live) {
            RunSnapshot s = live.snapshot();
            boolean diverged = s.status() == RunStatus.DIVERGED;
            return new Views.Transport(s.step(), live.furthestStep(), s.status().key(), converged(s), diverged,
                    s.hyperparameters().learningRate(), false);
        }
        return new Views.Transport(0, 0, RunStatus.OK.key(), false, false,
                state.config().hyperparametersAt(0).learningRate(), true);
    }

    private static boolean converged(RunSnapshot s) {
        return s.status() == RunStatus.OK && s.evaluation().gradientNorm() < CONVERGED_GRADIENT_NORM;
    }

    private static Views.Under under(Scene scene) {
        if (!(scene.state() instanceof LabState.Live live)) {
            return new Views.Under("", "", List.of(), "");
        }
        RunSnapshot s = live.snapshot();
        LogisticModel model = live.run().objective().model();
        FeatureMap map = s.config().features();
        return new Views.Under(PlotView.field(model, map, s.parameters(), scene.lesson().discretize()),
                PlotView.boundaries(model, map, s.parameters()), PlotView.arrows(model, map, s.parameters()),
                Json.write(new HoverModel(s.config().parameterization().key(), ParameterJson.of(s.parameters()))));
    }

    /** The weights the hover computes p(y|x) from, with the feature table of the points layer. */
    record HoverModel(String parameterization,
                      @com.fasterxml.jackson.annotation.JsonUnwrapped ParameterJson parameters) {
    }

    private static Views.Over over(LabState state, InspectorView inspector) {
        if (!(state instanceof LabState.Live live)) {
            return new Views.Over("", "");
        }
        RunSnapshot s = live.snapshot();
        return new Views.Over(PlotView.misclassified(live.run(), s.parameters(), WRONG_RING),
                PlotView.rings(live.run(), inspector.highlight(), HIGHLIGHT_RING));
    }

    private static Views.Points points(Scene scene) {
        RunConfig config = scene.state().config();
        String table = FeatureTable.json(config.features());
        int newClass = Math.min(Math.max(0, scene.newClass()), config.classes() - 1);
        if (scene.state() instanceof LabState.Live live) {
            return new Views.Points(PlotView.marks(live.run()), config.classes(), config.dataset().isCustom(), table,
                    newClass, live.run().objective().test().size() > 0);
        }
        return new Views.Points(List.of(), config.classes(), true, table, newClass, false);
    }

    private static Views.Metrics metrics(Scene scene) {
        String state = scene.state().query();
        String exportQuery = "run=" + ref(scene.state()).runId() + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
        if (!(scene.state() instanceof LabState.Live live)) {
            return new Views.Metrics(true, "", 0, "", null, "", "", 0, null, scene.address(), exportQuery, null, false,
                    "");
        }
        RunSnapshot s = live.snapshot();
        Evaluation e = s.evaluation();
        boolean tied = isZero(s.parameters());
        String accuracy = tied ? "—" : Numbers.percent(e.trainAccuracy())
                + (e.testAccuracy() == null ? "" : " / " + Numbers.percent(e.testAccuracy()));
        return new Views.Metrics(false, Numbers.sig(e.trainLoss(), 6), e.trainLoss(), Numbers.sig(e.objective(), 6),
                e.testLoss() == null ? null : Numbers.sig(e.testLoss(), 6), accuracy, Numbers.sig(e.gradientNorm(), 4),
                e.gradientNorm(), s.previousObjective() == null ? null
                        : Numbers.signed(e.objective() - s.previousObjective(), 4), scene.address(), exportQuery,
                LearningRateWarning.of(live, scene.locale()), tied, "/compare?a="
                        + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&lang=" + scene.locale().getLanguage());
    }

    /** Every weight and bias 0: every class is equally likely everywhere, so nothing is predicted yet. */
    private static boolean isZero(Parameters theta) {
        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i <= theta.dimension(); i++) {
                if (theta.get(r, i) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** History rows as compact arrays: [step, train loss, test loss, objective, train acc, test acc, ‖∇J‖]. */
    private static Views.Feed feed(Scene scene) {
        Locale locale = scene.locale();
        if (!(scene.state() instanceof LabState.Live live)) {
            return new Views.Feed("[]", 0, false, "", "", "");
        }
        List<History.Row> rows = live.chart().rows();
        Object[][] out = new Object[rows.size()][];
        for (int j = 0; j < out.length; j++) {
            History.Row r = rows.get(j);
            out[j] = new Object[] {r.step(), r.trainLoss(), r.testLoss(), r.objective(), r.trainAccuracy(),
                r.testAccuracy(), r.gradientNorm()};
        }
        RunSnapshot s = live.snapshot();
        Evaluation e = s.evaluation();
        boolean test = e.testLoss() != null;
        String loss = Templates.message(locale, "chart.loss.now", s.step(), Numbers.sig(e.trainLoss(), 4),
                Numbers.sig(e.objective(), 4)) + (test ? " " + Templates.message(locale, "chart.testLoss.now",
                Numbers.sig(e.testLoss(), 4)) : "");
        String accuracy = Templates.message(locale, "chart.accuracy.now", s.step(),
                Numbers.percent(e.trainAccuracy())) + (test ? " " + Templates.message(locale,
                "chart.testAccuracy.now", Numbers.percent(e.testAccuracy())) : "");
        String gradient = Templates.message(locale, "chart.gradient.now", s.step(), Numbers.sig(e.gradientNorm(), 4));
        return new Views.Feed(Json.write(out), live.chart().keep(), test, loss, accuracy, gradient);
    }

    private static Views.Gradients gradients(Scene scene) {
        List<String> headers = GradientTable.headers(scene.state().config().features());
        if (!(scene.state() instanceof LabState.Live live)) {
            return new Views.Gradients(true, headers, List.of(), false, "", 0);
        }
        return new Views.Gradients(false, headers, GradientTable.rows(live.snapshot(), scene.locale()),
                live.snapshot().hyperparameters().l1() > 0, live.id(), live.snapshot().step());
    }

    private static InspectorView inspector(Scene scene) {
        if (!(scene.state() instanceof LabState.Live live)) {
            return new InspectorView.Closed(scene.state().config().parameterization().key().equals("sigmoid"));
        }
        return Inspector.of(scene.inspection(), live.run(), live.snapshot(), live.trajectory(), scene.locale());
    }

    private static Views.LandscapeView landscape(Scene scene) {
        if (!(scene.state() instanceof LabState.Live live) || live.landscape() == null) {
            return Views.LandscapeView.closed(scene.state() instanceof LabState.Live);
        }
        Landscape l = live.landscape();
        Parameters theta = live.snapshot().parameters();
        boolean sigmoid = live.config().parameterization().key().equals("sigmoid");
        List<Views.Option> options = new ArrayList<>();
        for (int k = 0; k < theta.rows(); k++) {
            for (int i = 0; i <= theta.dimension(); i++) {
                options.add(new Views.Option(k + "," + i, GradientTable.name(sigmoid, k, i, theta.dimension())));
            }
        }
        Views.Axis a = axis(l.a(), sigmoid, theta.dimension());
        Views.Axis b = axis(l.b(), sigmoid, theta.dimension());
        double[] current = {l.x(l.a().values()[l.a().current()]), l.y(l.b().values()[l.b().current()])};
        Hyperparameters hp = live.snapshot().hyperparameters();
        String penalty = (hp.l2() > 0 ? " + (λ/2) Σ w²" : "") + (hp.l1() > 0 ? " + λ₁ Σ |w|" : "");
        String explanation = Templates.message(scene.locale(), "landscape.explain", sigmoid ? "5.44" : "5.45",
                penalty, a.name(), b.name());
        return new Views.LandscapeView(true, true, LandscapeAsk.keeps(l.a().parameter(), l.b().parameter()), options, a, b,
                l.dataUri(), l.contours(), l.pathData(), current, l.arrowEnd(), Numbers.sig(l.currentObjective(), 6),
                l.logScale(), explanation);
    }

    private static Views.Axis axis(Landscape.Axis axis, boolean sigmoid, int features) {
        ParameterIndex p = axis.parameter();
        double[] v = axis.values();
        return new Views.Axis(p.row() + "," + p.index(), GradientTable.name(sigmoid, p.row(), p.index(), features),
                Numbers.sig(v[0], 3), Numbers.sig(v[v.length - 1], 3));
    }

    private static Views.Tuning tuning(LabState state) {
        Hyperparameters hp = state instanceof LabState.Live live ? live.snapshot().hyperparameters()
                : state.config().hyperparametersAt(0);
        return new Views.Tuning(hp.learningRate(), hp.l2(), hp.l1());
    }

    private static Controls controls(Scene scene) {
        RunConfig config = scene.state().config();
        String points = config.dataset().isCustom() ? scene.permalink().pointsValue(config.dataset().points()) : "";
        int n = scene.state() instanceof LabState.Live live ? live.run().dataset().size()
                : config.dataset().points().size();
        return Controls.of(config, n, points);
    }
}
