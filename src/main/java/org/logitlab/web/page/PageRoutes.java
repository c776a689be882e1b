package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.core.Hyperparameters;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.Dataset;
import org.logitlab.data.DatasetSpec;
import org.logitlab.web.BadRequest;
import org.logitlab.web.Json;
import org.logitlab.web.RunService;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.RunSpec;
import org.logitlab.web.run.RunSpecReader;

/**
 * The playground page. {@code GET /} renders a run from its permalink parameters; the {@code /lab/*} actions
 * change the run and answer an htmx request with out-of-band fragments (or anything else with a redirect to the
 * new permalink, so the page works without JavaScript too).
 */
public final class PageRoutes {
    /** Fragments every step updates. */
    static final Set<String> STEP_FRAGMENTS = Set.of("runref", "transport", "plot-under", "plot-over", "metrics", "chart-feed",
            "gradients", "inspector");
    static final Set<String> WITHOUT_INSPECTOR = Set.of("runref", "transport", "plot-under", "plot-over", "metrics",
            "chart-feed", "gradients");
    static final int MAX_COUNT = 10_000;
    private static final Map<String, Object> PUSH_URL = Map.of("urlHeader", "HX-Push-Url");
    private static final Map<String, Object> REPLACE_URL = Map.of("urlHeader", "HX-Replace-Url");
    private static final Map<String, Object> OOB_REPLACE_URL = Map.of("oob", true, "urlHeader", "HX-Replace-Url");

    private final RunService runs;
    private final Templates templates;
    private final Semaphore working = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    public PageRoutes(RunService runs, Templates templates) {
        this.runs = runs;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", this::page);
        routes.post("/lab/step", ctx -> act(ctx, (run, s) -> run.step(count(ctx)), false));
        routes.post("/lab/back", ctx -> act(ctx, (run, s) -> run.goTo(Math.max(0, s.step() - count(ctx))), true));
        routes.post("/lab/seek", ctx -> act(ctx, (run, s) -> run.goTo(
                Json.integerText(required(ctx, "to"), "to", 0, run.maxStep())), true));
        routes.post("/lab/reset", ctx -> act(ctx, (run, s) -> run.reset(), true));
        routes.post("/lab/tune", this::tune);
        routes.post("/lab/points/add", this::addPoint);
        routes.post("/lab/points/remove", this::removePoint);
        routes.post("/lab/points/clear", ctx -> replaceData(ctx, currentData(ctx), List.of()));
        routes.get("/lab/inspect", this::inspect);
    }

    /** The whole page, or just the lab region for an htmx request from the controls. */
    private void page(Context ctx) {
        Locale locale = Locales.of(ctx);
        RunSpec spec;
        try {
            spec = runs.permalink().read(pageQuery(ctx.queryParamMap()));
        } catch (BadRequest e) {
            if (isHtmx(ctx)) {
                throw e;
            }
            // Without a previous state to keep, show the default run and the complaint beside its control.
            RunService.Created fallback = runs.create(ctx, defaultSpec());
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, fallback.id(), fallback.run(), fallback.snapshot(), locale, Set.of(), 0, null,
                    Map.of("error", e.field() + ": " + e.getMessage(), "errorField", e.field()));
            return;
        }
        if (isBlank(spec)) {
            renderBlank(ctx, spec.config(), locale, isHtmx(ctx) ? Set.of("lab") : Set.of(),
                    isHtmx(ctx) ? PUSH_URL : Map.of());
            return;
        }
        RunService.Created created = runs.create(ctx, spec == null ? defaultSpec() : spec);
        // ?inspect=w:k,i or x:index opens the inspector, so a link can point at one weight or one example.
        Inspection inspection = Inspection.parse(ctx.queryParam("inspect"));
        if (inspection != null) {
            inspection.check(created.run());
        }
        render(ctx, created.id(), created.run(), created.snapshot(), locale,
                isHtmx(ctx) ? Set.of("lab") : Set.of(), 0, inspection, isHtmx(ctx) ? PUSH_URL : Map.of());
    }

    private static RunSpec defaultSpec() {
        return RunSpecReader.fromJson(Json.emptyObject());
    }

    /** A change to the run, answered with the step fragments (htmx) or a redirect to the new permalink. */
    private void act(Context ctx, Action action, boolean redrawCharts) throws InterruptedException {
        // Steps are CPU work: run as many at once as there are cores, the rest wait their turn in order, so a
        // classroom pressing play together sees steady latency rather than everyone slowed at once.
        working.acquire();
        try {
            actNow(ctx, action, redrawCharts);
        } finally {
            working.release();
        }
    }

    private void actNow(Context ctx, Action action, boolean redrawCharts) {
        RunService.Located located = runs.locate(ctx);
        // Every input is checked before the run moves, so a refused request leaves it where it was.
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        if (inspection != null) {
            inspection.check(located.run());
        }
        RunSnapshot before = located.run().snapshot();
        RunSnapshot after = action.apply(located.run(), before);
        runs.reweigh(located.id(), located.run());
        int historyFrom = redrawCharts || after.step() < before.step() ? 0 : (int) before.step() + 1;
        respond(ctx, located, after, historyFrom, inspection);
    }

    private void respond(Context ctx, RunService.Located located, RunSnapshot s, int historyFrom,
                         Inspection inspection) {
        if (!isHtmx(ctx)) {
            ctx.redirect(runs.permalink().of(s), HttpStatus.SEE_OTHER);
            return;
        }
        // A closed inspector does not change with the step: leave it out of the swap.
        Set<String> fragments = inspection != null ? STEP_FRAGMENTS : WITHOUT_INSPECTOR;
        render(ctx, located.id(), located.run(), s, Locales.of(ctx), fragments, historyFrom, inspection,
                OOB_REPLACE_URL);
    }

    private void inspect(Context ctx) {
        RunService.Located located = runs.locate(ctx);
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        if (inspection != null) {
            inspection.check(located.run());
        }
        RunSnapshot s = located.run().snapshot();
        render(ctx, located.id(), located.run(), s, Locales.of(ctx), Set.of("inspector"), (int) s.step() + 1,
                inspection, Map.of());
    }

    private void addPoint(Context ctx) {
        Data current = currentData(ctx);
        double x1 = FieldNumbers.number(ctx, "x1", -DatasetSpec.EXTENT, DatasetSpec.EXTENT);
        double x2 = FieldNumbers.number(ctx, "x2", -DatasetSpec.EXTENT, DatasetSpec.EXTENT);
        int label = (int) Json.integerText(required(ctx, "label"), "label", 0, current.config().classes() - 1);
        List<double[]> points = current.points();
        if (points.size() >= DatasetSpec.MAX_POINTS) {
            throw new BadRequest("x1", "a custom dataset holds at most " + DatasetSpec.MAX_POINTS + " points");
        }
        // Clicks are rounded to 0.01 so the permalink stays short.
        points.add(new double[] {Math.round(x1 * 100) / 100.0, Math.round(x2 * 100) / 100.0, label});
        replaceData(ctx, current, points);
    }

    private void removePoint(Context ctx) {
        Data current = currentData(ctx);
        List<double[]> points = current.points();
        int index = (int) Json.integerText(required(ctx, "index"), "index", 0, Math.max(0, points.size() - 1));
        if (!points.isEmpty()) {
            points.remove(index);
        }
        replaceData(ctx, current, points);
    }

    /** The data and settings a custom-point action starts from: the page's run, or its empty canvas. */
    private record Data(RunConfig config, Hyperparameters hyperparameters, List<double[]> points) {
    }

    private Data currentData(Context ctx) {
        Data blank = blankData(ctx);
        if (blank != null) {
            return blank;
        }
        RunService.Located located = runs.locate(ctx);
        RunSnapshot s = located.run().snapshot();
        return new Data(s.config(), s.hyperparameters(), points(located.run()));
    }

    /** The empty canvas a request comes from (no run id, a state with no custom points), or null. */
    private Data blankData(Context ctx) {
        String state = param(ctx, "state");
        String id = param(ctx, "run");
        if ((id == null || id.isEmpty()) && state != null) {
            RunSpec spec = runs.permalink().read(Permalink.parseQuery(state));
            if (isBlank(spec)) {
                return new Data(spec.config(), spec.config().hyperparametersAt(0), new ArrayList<>());
            }
        }
        return null;
    }

    /**
     * Changing the data starts a new run on the custom points, keeping the model settings; with no points left
     * the page becomes an empty canvas.
     */
    private void replaceData(Context ctx, Data current, List<double[]> points) {
        Locale locale = Locales.of(ctx);
        RunConfig config = withPoints(current.config(), points, current.hyperparameters());
        if (points.isEmpty()) {
            answerBlank(ctx, config);
            return;
        }
        RunService.Created created = runs.create(ctx, new RunSpec(config, 0));
        if (!isHtmx(ctx)) {
            ctx.redirect(runs.permalink().of(created.snapshot()), HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, created.id(), created.run(), created.snapshot(), locale, Set.of("lab"), 0, null, REPLACE_URL);
    }

    private static RunConfig withPoints(RunConfig old, List<double[]> points, Hyperparameters hyperparameters) {
        return new RunConfig(DatasetSpec.custom(points), old.classes(), old.parameterization(), old.features(),
                old.optimizer(), old.batchSize(), old.testFraction(), old.seed(), old.init(),
                new java.util.TreeMap<>(Map.of(0L, hyperparameters)));
    }

    /** A custom set with no points yet: an empty canvas to click the first point onto. It has no run. */
    private static boolean isBlank(RunSpec spec) {
        return spec != null && spec.config().dataset().isCustom() && spec.config().dataset().points().isEmpty();
    }

    /**
     * The data controls send what the form holds, which is not always a permalink. Choosing "custom" sends no
     * points yet, only the generator's settings (n, noise, seed) of the dataset it leaves: that means an empty
     * canvas. Leaving custom sends the custom points along: they are dropped, and the generator's defaults apply.
     */
    private static Map<String, List<String>> pageQuery(Map<String, List<String>> query) {
        List<String> dataset = query.get("dataset");
        if (dataset == null) {
            return query;
        }
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(query);
        if (dataset.equals(List.of("custom"))) {
            if (query.containsKey("points")) {
                return query;
            }
            out.keySet().removeAll(List.of("n", "noise", "dataSeed"));
            out.put("points", List.of(""));
        } else {
            out.remove("points");
        }
        return out;
    }

    /** A new learning rate or λ: kept by the run from its current step on, or by the empty canvas's state. */
    private void tune(Context ctx) throws InterruptedException {
        Data blank = blankData(ctx);
        if (blank == null) {
            act(ctx, (run, s) -> run.changeHyperparameters(hyperparameters(ctx, s.hyperparameters())), true);
            return;
        }
        Hyperparameters hp = hyperparameters(ctx, blank.hyperparameters());
        answerBlank(ctx, withPoints(blank.config(), List.of(), hp));
    }

    /** An action that leaves an empty canvas: the lab swapped in (htmx), or a redirect to its permalink. */
    private void answerBlank(Context ctx, RunConfig blank) {
        if (!isHtmx(ctx)) {
            ctx.redirect("/?" + runs.permalink().query(blank, 0), HttpStatus.SEE_OTHER);
            return;
        }
        renderBlank(ctx, blank, Locales.of(ctx), Set.of("lab"), REPLACE_URL);
    }

    /**
     * The page of an empty canvas. The page is built around a run, so a throw-away run on one placeholder point
     * supplies the settings; everything that would show its data or its numbers is left out, and the state is
     * the canvas's own permalink.
     */
    private void renderBlank(Context ctx, RunConfig blank, Locale locale, Set<String> fragments,
                             Map<String, Object> extra) {
        RunConfig placeholder = withPoints(blank, List.of(new double[] {0, 0, 0}), blank.hyperparametersAt(0));
        TrainingRun run = new TrainingRun(placeholder);
        Map<String, Object> model = LabModel.of("", run, run.snapshot(), runs.permalink(), locale, 0, false, null);
        LabModel.blank(model, runs.permalink().query(blank, 0));
        model.putAll(extra);
        model.putIfAbsent("error", null);
        model.putIfAbsent("errorField", null);
        if (extra.get("urlHeader") != null) {
            ctx.header((String) extra.get("urlHeader"), (String) model.get("permalink"));
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(templates.render("lab", fragments, locale, model));
    }

    private static List<double[]> points(TrainingRun run) {
        Dataset d = run.dataset();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            points.add(new double[] {d.x1(i), d.x2(i), d.label(i)});
        }
        return points;
    }

    private static Hyperparameters hyperparameters(Context ctx, Hyperparameters current) {
        double lr = ctx.formParam("learningRate") == null ? current.learningRate()
                : FieldNumbers.number(ctx, "learningRate", 0, Hyperparameters.MAX_LEARNING_RATE, true);
        double l2 = ctx.formParam("l2") == null ? current.l2()
                : FieldNumbers.number(ctx, "l2", 0, Hyperparameters.MAX_L2, false);
        return new Hyperparameters(lr, l2);
    }

    private static int count(Context ctx) {
        String text = ctx.formParam("count");
        return text == null ? 1 : (int) Json.integerText(text, "count", 1, MAX_COUNT);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v != null ? v : ctx.queryParam(name);
    }

    private static String required(Context ctx, String name) {
        String v = param(ctx, name);
        if (v == null) {
            throw new BadRequest(name, "is required");
        }
        return v;
    }

    private void render(Context ctx, String id, TrainingRun run, RunSnapshot s, Locale locale, Set<String> fragments,
                        int historyFrom, Inspection inspection, Map<String, Object> extra) {
        Map<String, Object> model = LabModel.of(id, run, s, runs.permalink(), locale, historyFrom,
                Boolean.TRUE.equals(extra.get("oob")), inspection);
        model.putAll(extra);
        // The address bar follows the state: the one permalink the model was built with.
        Object header = extra.get("urlHeader");
        if (header != null) {
            ctx.header((String) header, (String) model.get("permalink"));
        }
        model.putIfAbsent("error", null);
        model.putIfAbsent("errorField", null);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(templates.render("lab", fragments, locale, model));
    }

    /** Whether htmx sent the request: the one place that decides between a page and fragments. */
    static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** A change applied to a run. */
    @FunctionalInterface
    private interface Action {
        RunSnapshot apply(TrainingRun run, RunSnapshot before);
    }

}
