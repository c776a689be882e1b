package org.logitlab.web.api;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.data.Dataset;
import org.logitlab.web.TrustedProxy;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.render.Landscape;
import org.logitlab.web.run.Landscapes;
import org.logitlab.web.run.Move;
import org.logitlab.web.run.RunService;
import org.logitlab.web.run.RunSpec;
import org.logitlab.web.run.RunSpecReader;
import org.logitlab.web.run.Tuning;

/** The JSON API under {@code /api/runs}: parse and check, call the core, answer with JSON. */
public final class ApiRoutes {
    /** History rows one answer gives at most; {@code from} pages through the rest. */
    public static final int MAX_HISTORY_ROWS = 10_000;

    private final RunService runs;

    public ApiRoutes(RunService runs) {
        this.runs = runs;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/runs", this::create);
        routes.get("/api/runs/{id}", ctx -> state(ctx, run(ctx).snapshot()));
        routes.post("/api/runs/{id}/step", this::step);
        routes.post("/api/runs/{id}/reset", ctx -> {
            TrainingRun run = run(ctx);
            Json.optionalObject(ctx.body(), Set.of());
            state(ctx, runs.move(ctx.ip(), ctx.pathParam("id"), run, Move.to(0, "step")));
        });
        routes.post("/api/runs/{id}/seek", this::seek);
        routes.post("/api/runs/{id}/hyperparameters", this::hyperparameters);
        routes.get("/api/runs/{id}/dataset", ctx -> ctx.json(RunJson.dataset(run(ctx))));
        routes.get("/api/runs/{id}/history", this::history);
        routes.get("/api/runs/{id}/examples/{i}", this::example);
        routes.get("/api/runs/{id}/weights/{k}/{i}", this::weight);
        routes.get("/api/runs/{id}/landscape", this::landscape);
    }

    /**
     * The run the path names. With {@code ?state=<its permalink>} it is the run as that permalink describes it, on
     * any instance: rebuilt there (under the same id) when this instance does not hold it at that state.
     */
    private TrainingRun run(Context ctx) {
        String state = ctx.queryParam("state");
        return state == null ? runs.get(ctx.pathParam("id")) : runs.resume(ctx.ip(), ctx.pathParam("id"), state);
    }

    private void create(Context ctx) {
        JsonNode body = Json.body(ctx.body());
        RunSpec spec = RunSpecReader.fromJson(body.isMissingNode() ? Json.emptyObject() : body);
        RunService.Created created = runs.create(ctx.ip(), spec, TrustedProxy.newRunId(ctx));
        ctx.status(HttpStatus.CREATED);
        state(ctx, created.id(), created.snapshot());
    }

    private void step(Context ctx) {
        TrainingRun run = run(ctx);
        JsonNode body = Json.optionalObject(ctx.body(), Set.of("count"));
        int count = body.has("count")
                ? (int) Json.integer(body.get("count"), "count", 1, RunService.MAX_STEPS_PER_REQUEST) : 1;
        state(ctx, runs.move(ctx.ip(), ctx.pathParam("id"), run, Move.steps(count)));
    }

    private void seek(Context ctx) {
        TrainingRun run = run(ctx);
        JsonNode body = Json.optionalObject(ctx.body(), Set.of("step"));
        if (!body.has("step")) {
            throw FieldError.invalid("step", "error.api.stepRequired", TrainingRun.MAX_STEP);
        }
        long target = Json.integer(body.get("step"), "step", 0, TrainingRun.MAX_STEP);
        state(ctx, runs.move(ctx.ip(), ctx.pathParam("id"), run, Move.to(target, "step")));
    }

    private void hyperparameters(Context ctx) {
        TrainingRun run = run(ctx);
        JsonNode body = Json.optionalObject(ctx.body(), Set.of("learningRate", "l2", "l1"));
        Tuning change = Tuning.read(body::has, (field, min, max, minOpen) ->
                Json.number(body.get(field), field, min, max, minOpen));
        state(ctx, runs.move(ctx.ip(), ctx.pathParam("id"), run, Move.tune(change)));
    }

    private void history(Context ctx) {
        TrainingRun run = run(ctx);
        long from = optionalInteger(ctx, "from", 0, TrainingRun.MAX_STEP, 0);
        long limit = optionalInteger(ctx, "limit", 1, MAX_HISTORY_ROWS, MAX_HISTORY_ROWS);
        long to = from + limit - 1;
        ctx.json(run.locked(r -> RunJson.history(r.historyRows(from, to), to < r.step() ? to + 1 : null)));
    }

    private static long optionalInteger(Context ctx, String name, long min, long max, long fallback) {
        String text = ctx.queryParam(name);
        return text == null ? fallback : Json.integerText(text, name, min, max);
    }

    private void example(Context ctx) {
        TrainingRun run = run(ctx);
        Dataset d = run.dataset();
        int i = (int) Json.integerText(ctx.pathParam("i"), "i", 0, d.size() - 1);
        RunSnapshot s = run.snapshot();
        ExampleAnalysis a = ExampleAnalysis.of(run.objective().model(), s.config().features(), s.parameters(),
                d.x1(i), d.x2(i), d.label(i));
        ctx.json(RunJson.example(run, i, a));
    }

    private void weight(Context ctx) {
        TrainingRun run = run(ctx);
        RunSnapshot s = run.snapshot();
        int rows = s.parameters().rows();
        int dimension = s.parameters().dimension();
        int k = (int) Json.integerText(ctx.pathParam("k"), "k", 0, rows - 1);
        int i = (int) Json.integerText(ctx.pathParam("i"), "i", 0, dimension);
        WeightAnalysis w = WeightAnalysis.of(run.objective(), s.parameters(), s.hyperparameters().l2(), k, i);
        ctx.json(RunJson.weight(w, s.hyperparameters()));
    }

    /**
     * J over two parameters ({@code a=k,i}, {@code b=k,i}; by default the two that moved most), every other one at
     * its current value, with the path the two took from step 0.
     */
    private void landscape(Context ctx) {
        TrainingRun run = run(ctx);
        RunSnapshot s = run.snapshot();
        List<ParameterIndex> pair = Landscapes.defaultPair(run, s);
        ParameterIndex a = parameter(ctx, "a", s, pair.get(0));
        ParameterIndex b = parameter(ctx, "b", s, pair.get(1));
        if (a.equals(b)) {
            throw FieldError.invalid("b", "error.landscape.samePair");
        }
        int size = (int) optionalInteger(ctx, "size", Landscape.MIN_SIZE, Landscape.MAX_SIZE, Landscape.DEFAULT_SIZE);
        ctx.json(RunJson.landscape(runs.landscapes().of(ctx.ip(), ctx.pathParam("id"), run, s, a, b, size)));
    }

    /** A parameter given as {@code k,i} (i = the number of features is the bias), as in {@code /weights/k/i}. */
    private static ParameterIndex parameter(Context ctx, String name, RunSnapshot s, ParameterIndex fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        String[] ki = text.split(",", -1);
        if (ki.length != 2) {
            throw FieldError.invalid(name, "error.landscape.parameter");
        }
        int rows = s.parameters().rows();
        int dimension = s.parameters().dimension();
        return new ParameterIndex((int) Json.integerText(ki[0], name, 0, rows - 1),
                (int) Json.integerText(ki[1], name, 0, dimension));
    }

    private void state(Context ctx, RunSnapshot s) {
        state(ctx, ctx.pathParam("id"), s);
    }

    private void state(Context ctx, String id, RunSnapshot s) {
        ctx.json(RunJson.state(id, s, runs.permalink()));
    }
}
