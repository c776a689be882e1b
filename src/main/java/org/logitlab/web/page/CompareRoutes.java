package org.logitlab.web.page;

import static org.logitlab.web.page.PageRequest.isHtmx;
import static org.logitlab.web.page.PageRequest.param;
import static org.logitlab.web.page.PageRequest.required;

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
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.web.TrustedProxy;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.web.page.LabState.Change;
import org.logitlab.web.run.Move;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.RunService;

/**
 * Two runs side by side: {@code GET /compare?a=<permalink query>&b=<permalink query>} shows them, and one set of
 * controls moves both ({@code POST /compare/step|back|seek|reset}, and play over {@code /compare/stream}), each
 * answered with the fragments that changed, out of band. The settings form of run b ({@link #OVERRIDES}) opens
 * the comparison again with run b changed and at run a's step.
 */
record CompareRoutes(LabService lab, Templates templates, PlayStream stream) {
    /** The settings the page lets the user change on run b. */
    static final List<String> OVERRIDES = List.of("learningRate", "l2", "l1", "optimizer", "init",
            "features");
    private static final Set<String> STREAM_FIELDS = Set.of("runA", "a", "runB", "b", "count", "lang");

    void register(RoutesConfig routes) {
        routes.get("/compare", this::page);
        routes.post("/compare/step", ctx -> move(ctx, Change.STEP, Move.steps(count(ctx.formParam("count")))));
        routes.post("/compare/back", ctx -> move(ctx, Change.JUMP, Move.back(count(ctx.formParam("count")))));
        routes.post("/compare/seek", ctx -> move(ctx, Change.JUMP,
                Move.to(Json.integerText(required(ctx, "to"), "to", 0, TrainingRun.MAX_STEP), "to")));
        routes.post("/compare/reset", ctx -> move(ctx, Change.JUMP, Move.to(0, "to")));
        stream.register(routes, "/compare/stream", STREAM_FIELDS, this::stream);
    }

    /** The comparison of two permalinks (b defaults to a), with run b's settings changed when the form says so. */
    private void page(Context ctx) {
        Locale locale = Locales.of(ctx);
        String a = required(ctx, "a");
        String b = ctx.queryParam("b") == null ? a : ctx.queryParam("b");
        // Run a takes the id a balancer proposes (the header the page sends names it): both live where it is routed.
        LabState.Live runA = open(ctx.ip(), "a", Permalink.parseQuery(a), TrustedProxy.newRunId(ctx));
        LabState.Live runB = open(ctx.ip(), "b", changed(Permalink.parseQuery(b), ctx.queryParamMap(),
                runA.snapshot().step()), null);
        Comparison c = new Comparison(runA, runB);
        boolean htmx = isHtmx(ctx);
        Map<String, Object> model = CompareViews.model(c, locale, false, true, lab.permalink(), Views.Message.NONE, htmx);
        ctx.contentType("text/html; charset=utf-8");
        if (htmx) {
            ctx.header("HX-Push-Url", c.address(locale.getLanguage()));
            ctx.result(templates.render("compare", Set.of("compare"), locale, model)
                    + templates.render("lab", Set.of("languages"), locale, model));
        } else {
            ctx.result(templates.render("compare", Set.of(), locale, model));
        }
    }

    /**
     * Run b's permalink with the form's settings in place of its own, at {@code step} (run a's): a change starts
     * run b again, so its schedule of tuned learning rates is dropped. Without a change, b is as it was.
     */
    private static Map<String, List<String>> changed(Map<String, List<String>> b, Map<String, List<String>> form,
                                                     long step) {
        boolean any = false;
        for (String name : OVERRIDES) {
            List<String> v = form.get(name);
            if (v != null && !v.equals(b.get(name))) {
                b.put(name, v);
                any = true;
            }
        }
        if (any) {
            b.remove("schedule");
            b.put("step", List.of(Long.toString(step)));
            if (!List.of("explicit").equals(b.get("init"))) {
                b.remove("weights");
                b.remove("biases");
            }
        }
        return b;
    }

    /** A side's run from its permalink query; a refusal names the side and the field. */
    private LabState.Live open(String client, String side, Map<String, List<String>> query, String proposedId) {
        LabState state;
        try {
            state = lab.open(client, query, proposedId);
        } catch (FieldError e) {
            throw FieldError.invalid(side + "." + e.field(), e.reason());
        } catch (InvalidConfigException | InvalidDatasetException e) {
            throw FieldError.invalid(side + "." + Permalink.parameterName(e.field()), e.reason());
        }
        if (!(state instanceof LabState.Live live)) {
            throw FieldError.invalid(side, "error.compare.noPoints");
        }
        return live;
    }

    private void move(Context ctx, Change change, Move move) {
        Comparison c = act(ctx.ip(), param(ctx, "runA"), required(ctx, "a"), param(ctx, "runB"), required(ctx, "b"),
                change, move);
        Locale locale = Locales.of(ctx);
        if (!isHtmx(ctx)) {
            ctx.redirect(c.address(locale.getLanguage()), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(answer(c, locale));
    }

    /** Moves both runs the same way; a run that cannot go on (diverged, at its last step) stays where it is. */
    private Comparison act(String client, String runA, String a, String runB, String b, Change change, Move move) {
        Move each = move.orStay();
        return new Comparison(lab.act(new LabService.Ref(client, runA, a), null, change, each),
                lab.act(new LabService.Ref(client, runB, b), null, change, each));
    }

    /** What a move changes, out of band: both runs' layers and numbers, the transport, the chart, the links. */
    private String answer(Comparison c, Locale locale) {
        Map<String, Object> model = CompareViews.model(c, locale, true, false, lab.permalink(), Views.Message.NONE, true);
        StringBuilder out = new StringBuilder(templates.render("compare", Set.of("runref", "feed"), locale, model));
        out.append(templates.render("lab", Set.of("transport", "languages", "message"), locale, model));
        for (String side : List.of("a", "b")) {
            out.append(templates.render("compare", Set.of("under", "over", "numbers"), locale,
                    CompareViews.sideModel(model, side)));
        }
        return out.toString();
    }

    /** Play: each message asks for a step of both runs as {@code POST /compare/step} does. */
    private PlayStream.Answer stream(JsonNode body, Locale locale, String client) {
        Comparison c = act(client, PlayStream.text(body, "runA"), PlayStream.text(body, "a"),
                PlayStream.text(body, "runB"), PlayStream.text(body, "b"), Change.STEP,
                Move.steps(PlayStream.count(body)));
        return PlayStream.Answer.of(answer(c, locale));
    }

    private static int count(String text) {
        return text == null ? 1 : (int) Json.integerText(text, "count", 1, RunService.MAX_STEPS_PER_REQUEST);
    }
}
