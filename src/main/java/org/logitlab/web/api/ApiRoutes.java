package org.logitlab.web.api;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.data.Dataset;
import org.logitlab.web.BadRequest;
import org.logitlab.web.Json;
import org.logitlab.web.RunService;
import org.logitlab.web.run.RunSpec;
import org.logitlab.web.run.RunSpecReader;

/** The JSON API under {@code /api/runs}: parse and check, call the core, answer with JSON. */
public final class ApiRoutes {
    public static final int MAX_STEPS_PER_REQUEST = 10_000;

    private final RunService runs;

    public ApiRoutes(RunService runs) {
        this.runs = runs;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/runs", this::create);
        routes.get("/api/runs/{id}", ctx -> state(ctx, runs.get(ctx.pathParam("id")).snapshot()));
        routes.post("/api/runs/{id}/step", this::step);
        routes.post("/api/runs/{id}/reset", ctx -> {
            TrainingRun run = runs.get(ctx.pathParam("id"));
            Json.optionalObject(ctx, Set.of());
            state(ctx, run.reset());
        });
        routes.post("/api/runs/{id}/seek", this::seek);
        routes.post("/api/runs/{id}/hyperparameters", this::hyperparameters);
        routes.get("/api/runs/{id}/dataset", ctx -> ctx.json(RunJson.dataset(runs.get(ctx.pathParam("id")))));
        routes.get("/api/runs/{id}/history", this::history);
        routes.get("/api/runs/{id}/examples/{i}", this::example);
        routes.get("/api/runs/{id}/weights/{k}/{i}", this::weight);
    }

    private void create(Context ctx) {
        JsonNode body = Json.body(ctx);
        RunSpec spec = RunSpecReader.fromJson(body.isMissingNode() ? Json.emptyObject() : body);
        RunService.Created created = runs.create(ctx, spec);
        ctx.status(HttpStatus.CREATED);
        state(ctx, created.id(), created.snapshot());
    }

    private void step(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        JsonNode body = Json.optionalObject(ctx, Set.of("count"));
        int count = body.has("count")
                ? (int) Json.integer(body.get("count"), "count", 1, MAX_STEPS_PER_REQUEST) : 1;
        RunSnapshot s = run.step(count);
        runs.reweigh(ctx.pathParam("id"), run);
        state(ctx, s);
    }

    private void seek(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        JsonNode body = Json.optionalObject(ctx, Set.of("step"));
        if (!body.has("step")) {
            throw new BadRequest("step", "is required: the step to move to, from 0 to " + RunSpec.MAX_STEP);
        }
        RunSnapshot s = run.goTo(Json.integer(body.get("step"), "step", 0, RunSpec.MAX_STEP));
        runs.reweigh(ctx.pathParam("id"), run);
        state(ctx, s);
    }

    private void hyperparameters(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        JsonNode body = Json.optionalObject(ctx, Set.of("learningRate", "l2"));
        Hyperparameters now = run.snapshot().hyperparameters();
        double lr = body.has("learningRate") ? Json.number(body.get("learningRate"), "learningRate",
                0, Hyperparameters.MAX_LEARNING_RATE, true) : now.learningRate();
        double l2 = body.has("l2") ? Json.number(body.get("l2"), "l2", 0, Hyperparameters.MAX_L2, false) : now.l2();
        state(ctx, run.changeHyperparameters(new Hyperparameters(lr, l2)));
    }

    private void history(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        String fromText = ctx.queryParam("from");
        int from = fromText == null ? 0 : (int) Json.integerText(fromText, "from", 0, RunSpec.MAX_STEP);
        ctx.json(RunJson.history(run.historyRows(from)));
    }

    private void example(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        Dataset d = run.dataset();
        int i = (int) Json.integerText(ctx.pathParam("i"), "i", 0, d.size() - 1);
        RunSnapshot s = run.snapshot();
        ExampleAnalysis a = ExampleAnalysis.of(run.objective().model(), s.config().features(), s.parameters(),
                d.x1(i), d.x2(i), d.label(i));
        ctx.json(RunJson.example(run, i, a));
    }

    private void weight(Context ctx) {
        TrainingRun run = runs.get(ctx.pathParam("id"));
        RunSnapshot s = run.snapshot();
        int rows = s.parameters().rows();
        int dimension = s.parameters().dimension();
        int k = (int) Json.integerText(ctx.pathParam("k"), "k", 0, rows - 1);
        int i = (int) Json.integerText(ctx.pathParam("i"), "i", 0, dimension);
        WeightAnalysis w = WeightAnalysis.of(run.objective(), s.parameters(), s.hyperparameters().l2(), k, i);
        ctx.json(RunJson.weight(w));
    }

    private void state(Context ctx, RunSnapshot s) {
        state(ctx, ctx.pathParam("id"), s);
    }

    private void state(Context ctx, String id, RunSnapshot s) {
        ctx.json(RunJson.state(id, s, runs.permalink()));
    }
}
