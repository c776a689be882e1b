package org.logitlab.web.page;

import static org.logitlab.web.page.PageRequest.coordinate;
import static org.logitlab.web.page.PageRequest.count;
import static org.logitlab.web.page.PageRequest.isHtmx;
import static org.logitlab.web.page.PageRequest.number;
import static org.logitlab.web.page.PageRequest.param;
import static org.logitlab.web.page.PageRequest.presentation;
import static org.logitlab.web.page.PageRequest.ref;
import static org.logitlab.web.page.PageRequest.required;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.core.InvalidConfigException;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.DatasetSpec;
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.text.Reason;
import org.logitlab.text.Refused;
import org.logitlab.text.Sentence;
import org.logitlab.web.TrustedProxy;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.web.page.LabState.Change;
import org.logitlab.web.run.Move;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.RunService;
import org.logitlab.web.run.Tuning;

/**
 * The playground's routes. {@code GET /} renders a permalink; the {@code /lab/*} actions change the run and answer
 * htmx with out-of-band fragments (anything else with a redirect to the new permalink, so the page works without
 * JavaScript too). Each route reads the request, calls {@link LabService}, and picks the fragments; {@link LabAnswers}
 * writes the answer.
 */
public final class PageRoutes {
    /** What a message of the play stream holds: what {@code POST /lab/step} reads, and {@code later}. */
    private static final Set<String> STREAM_FIELDS = Set.of("run", "state", "inspect", "count", "lang", "hide",
            "discretize", "landscape", "later");

    private final LabService lab;
    private final LabAnswers answers;
    private final PlayStream stream;
    private final CompareRoutes compare;

    public PageRoutes(RunService runs, Templates templates) {
        this.lab = new LabService(runs);
        this.answers = new LabAnswers(lab, templates);
        this.stream = new PlayStream(new ErrorPage(templates));
        this.compare = new CompareRoutes(lab, templates, stream);
    }

    public void register(RoutesConfig routes) {
        routes.get("/", this::page);
        // A step of a diverged run shows where it stopped (play's next request, a second click): no refusal.
        routes.post("/lab/step", ctx -> move(ctx, Change.STEP, Move.steps(count(ctx)).unlessDiverged()));
        routes.post("/lab/back", ctx -> move(ctx, Change.JUMP, Move.back(count(ctx))));
        routes.post("/lab/seek", ctx -> move(ctx, Change.JUMP,
                Move.to(Json.integerText(required(ctx, "to"), "to", 0, TrainingRun.MAX_STEP), "to")));
        routes.post("/lab/reset", ctx -> move(ctx, Change.JUMP, Move.to(0, "to")));
        routes.post("/lab/tune", this::tune);
        routes.post("/lab/points/add", ctx -> answers.newData(ctx, lab.addPoint(ref(ctx),
                coordinate(ctx, "x1"), coordinate(ctx, "x2"), (int) Json.integerText(required(ctx, "label"), "label",
                        0, Integer.MAX_VALUE))));
        routes.post("/lab/points/remove", ctx -> answers.newData(ctx, lab.removePoint(ref(ctx),
                (int) Json.integerText(required(ctx, "index"), "index", 0, DatasetSpec.MAX_POINTS))));
        routes.post("/lab/points/clear", ctx -> answers.newData(ctx, lab.clearPoints(ref(ctx))));
        routes.post("/lab/csv", ctx -> answers.newData(ctx, lab.upload(ref(ctx), CsvForm.of(ctx::formParam).read())));
        routes.get("/lab/inspect", this::inspect);
        routes.get("/lab/view", this::view);
        routes.get("/lab/landscape", this::landscape);
        stream.register(routes, "/lab/stream", STREAM_FIELDS, this::streamStep);
        compare.register(routes);
    }

    /**
     * The whole page for a link, or the lab region for an htmx request from the controls. A value the controls cannot
     * take leaves the page's run as it was: the controls show it again, with the refused value marked beside its
     * message.
     */
    private void page(Context ctx) {
        if (!isHtmx(ctx)) {
            link(ctx);
            return;
        }
        Presentation shown = presentation(ctx);
        Views.Message message = Views.Message.NONE;
        LabState state;
        try {
            state = lab.open(ctx.ip(), ctx.queryParamMap(), TrustedProxy.newRunId(ctx));
        } catch (FieldError | InvalidConfigException | InvalidDatasetException e) {
            String current = ctx.queryParam("state");
            if (current == null) {
                throw e;
            }
            message = refusal(ctx, e);
            state = lab.current(new LabService.Ref(ctx.ip(), ctx.queryParam("run"), current));
        }
        Inspection inspection = Inspection.parse(ctx.queryParam("inspect"));
        if (inspection != null && state instanceof LabState.Live live) {
            inspection.check(live.run());
            state = lab.withPath(ctx.ip(), live, inspection);
        }
        if (message.text() == null) {
            ctx.header("HX-Push-Url", "/?" + state.query() + shown.lesson().query());
        }
        answers.render(ctx, state, inspection, shown, false, message, Fragment.NEW_LAB);
    }

    /**
     * The page of a link (a permalink, a lesson's link). A value it cannot take is left out and the rest kept: the
     * page opens with everything else the link says, the refused value's message beside its control, with 400.
     * ?inspect=w:k,i or x:index opens the inspector, so a link can point at one weight or one example.
     */
    private void link(Context ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        Views.Message message = Views.Message.NONE;
        while (true) {
            try {
                Presentation shown = presentation(Locales.of(ctx), name -> first(query, name));
                LabState state = lab.open(ctx.ip(), query, TrustedProxy.newRunId(ctx));
                Inspection inspection = Inspection.parse(first(query, "inspect"));
                if (inspection != null && state instanceof LabState.Live live) {
                    inspection.check(live.run());
                    state = lab.withPath(ctx.ip(), live, inspection);
                }
                answers.render(ctx, state, inspection, shown, false, message, Set.of());
                if (message.text() != null) {
                    ctx.status(HttpStatus.BAD_REQUEST);
                }
                return;
            } catch (FieldError | InvalidConfigException | InvalidDatasetException e) {
                Views.Message said = refusal(ctx, e);
                message = message.text() == null ? said : message;
                // Each pass leaves out one value the link holds, so this ends; what names no value of the link
                // (a lost saved point set's store, say) leaves the default run.
                if (query.remove(said.field()) == null) {
                    Presentation shown = presentation(Locales.of(ctx), name -> null);
                    answers.render(ctx, lab.defaultRun(ctx.ip()), null, shown, false, message, Set.of());
                    ctx.status(HttpStatus.BAD_REQUEST);
                    return;
                }
            }
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The message for a refused value in the page's language, naming the control it came from, with the value as
     * it was sent.
     */
    private static Views.Message refusal(Context ctx, RuntimeException e) {
        String field;
        Reason reason;
        if (e instanceof FieldError f) {
            field = f.field();
            reason = f.reason();
        } else {
            Refused r = (Refused) e;
            field = Permalink.parameterName(r.field());
            reason = r.reason();
        }
        Views.Message said = ErrorPage.message(Locales.of(ctx), field, reason);
        return new Views.Message(said.text(), field, ctx.queryParam(field));
    }

    /** A move of the run (step, back, seek, reset), answered with the step fragments or a redirect. */
    private void move(Context ctx, Change change, Move move) {
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        answers.move(ctx, lab.act(ref(ctx), inspection, change, move), inspection);
    }

    /**
     * A step asked for on the play stream: the same answer as {@code POST /lab/step}'s; with {@code "later":
     * "gradients"}, the gradient table comes in a message of its own after the rest.
     */
    private PlayStream.Answer streamStep(JsonNode body, Locale locale, String client) {
        Presentation shown = new Presentation(locale, Lesson.of(PlayStream.text(body, "hide"),
                PlayStream.text(body, "discretize")), 0, PlayStream.text(body, "landscape"));
        Inspection inspection = Inspection.parse(PlayStream.text(body, "inspect"));
        LabService.Ref ref = new LabService.Ref(client, PlayStream.text(body, "run"), PlayStream.text(body, "state"));
        Set<Fragment> later = later(PlayStream.text(body, "later"));
        LabState state = lab.act(ref, inspection, Change.STEP, Move.steps(PlayStream.count(body)).unlessDiverged());
        return answers.moveFragments(client, state, inspection, shown, later);
    }

    /** The fragments a stream message asks to have after the rest: none, or the gradient table. */
    private static Set<Fragment> later(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        if (!text.equals("gradients")) {
            throw FieldError.invalid("later", Sentence.ONE_OF.with("gradients"));
        }
        return Set.of(Fragment.GRADIENTS);
    }

    /** A new learning rate or λ: kept by the run from its current step on, or by the empty canvas's state. */
    private void tune(Context ctx) {
        Tuning change = Tuning.read(name -> ctx.formParam(name) != null,
                (field, min, max, minOpen) -> number(ctx, field, min, max, minOpen));
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        LabState state = lab.tune(ref(ctx), inspection, change);
        if (state instanceof LabState.Canvas) {
            answers.newData(ctx, state);
        } else {
            answers.move(ctx, state, inspection);
        }
    }

    /** Opens, changes or closes the inspector; the examples it rings are ringed at once. */
    private void inspect(Context ctx) {
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        Presentation shown = presentation(ctx);
        if (!isHtmx(ctx)) {
            ctx.redirect(address(required(ctx, "state"), shown, inspection), HttpStatus.SEE_OTHER);
            return;
        }
        LabState.Live state = lab.look(ref(ctx), inspection);
        answers.render(ctx, state, inspection, shown, true, Views.Message.NONE,
                EnumSet.of(Fragment.INSPECTOR, Fragment.PLOT_OVER, Fragment.MESSAGE));
    }

    /** The same run shown another way for a lesson (panels hidden, output discretized): the lab swapped in whole. */
    private void view(Context ctx) {
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        Presentation shown = presentation(ctx);
        String state = required(ctx, "state");
        if (!isHtmx(ctx)) {
            ctx.redirect(address(state, shown, inspection), HttpStatus.SEE_OTHER);
            return;
        }
        LabState current = lab.current(ref(ctx));
        if (inspection != null && current instanceof LabState.Live live) {
            current = lab.withPath(ctx.ip(), live, inspection);
        }
        ctx.header("HX-Replace-Url", address(current.query(), shown, inspection));
        answers.render(ctx, current, inspection, shown, false, Views.Message.NONE, Fragment.NEW_LAB);
    }

    /**
     * Opens, changes or closes the loss landscape: {@code landscape} as {@link LandscapeAsk} reads it ({@code off}
     * closes it), or the two axis menus {@code la} and {@code lb}.
     */
    private void landscape(Context ctx) {
        Inspection inspection = Inspection.parse(param(ctx, "inspect"));
        String token = param(ctx, "landscape");
        if (token == null) {
            token = required(ctx, "la") + ";" + required(ctx, "lb");
        } else if (token.equals("off")) {
            token = "";
        }
        Presentation shown = presentation(ctx).withLandscape(token);
        if (!isHtmx(ctx)) {
            ctx.redirect(address(required(ctx, "state"), shown, inspection), HttpStatus.SEE_OTHER);
            return;
        }
        answers.render(ctx, lab.look(ref(ctx), null), inspection, shown, true, Views.Message.NONE,
                EnumSet.of(Fragment.LANDSCAPE, Fragment.LANGUAGES, Fragment.MESSAGE));
    }

    private static String address(String state, Presentation shown, Inspection inspection) {
        return "/?" + state + shown.lesson().query() + (inspection == null ? ""
                : "&inspect=" + URLEncoder.encode(inspection.token(), StandardCharsets.UTF_8))
                + (shown.landscape().isEmpty() ? "" : "&landscape=" + URLEncoder.encode(shown.landscape(),
                StandardCharsets.UTF_8));
    }
}
