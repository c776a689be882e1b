package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.logitlab.core.History;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.Trajectory;
import org.logitlab.data.CsvPoints;
import org.logitlab.data.Dataset;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.Landscapes;
import org.logitlab.web.run.Move;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.RunService;
import org.logitlab.web.run.RunSpec;
import org.logitlab.web.run.RunSpecReader;
import org.logitlab.web.run.Tuning;
import org.logitlab.web.page.LabState.Change;

/**
 * What the page does to runs, with plain inputs: the client's address, the page's run id and its permalink state.
 * Every answer is a {@link LabState} read at one moment; the routes decide which fragments show it.
 */
final class LabService {
    /** Rows sent to the charts at most at once; a longer stretch is sent as every k-th step and the last. */
    static final int MAX_CHART_ROWS = 2000;
    /** Points of the weight inspector's chart of a weight's path. */
    static final int TRAJECTORY_SAMPLES = 200;
    /** Nodes a side of the page's loss landscape. */
    static final int LANDSCAPE_SIZE = 41;

    private final RunService runs;

    LabService(RunService runs) {
        this.runs = runs;
    }

    /** What a page request says about its run: the live id, and the permalink that rebuilds it when that is gone. */
    record Ref(String client, String runId, String state) {
    }

    Permalink permalink() {
        return runs.permalink();
    }

    /**
     * The page of a permalink (or of the controls form); the default run when the query names no run. The new run
     * takes {@code proposedId} when a trusted balancer gives one (see {@link RunService#create(String, RunSpec,
     * String)}).
     */
    LabState open(String client, Map<String, List<String>> query, String proposedId) {
        RunSpec spec = runs.permalink().read(pageQuery(query));
        if (spec == null) {
            return start(client, defaultSpec(), proposedId);
        }
        return isEmptyCanvas(spec.config()) ? canvas(spec.config()) : start(client, spec, proposedId);
    }

    /** The default run: blobs, two classes, the API's defaults. */
    LabState.Live defaultRun(String client) {
        return start(client, defaultSpec());
    }

    private LabState.Live start(String client, RunSpec spec) {
        return start(client, spec, null);
    }

    private LabState.Live start(String client, RunSpec spec, String proposedId) {
        RunService.Created created = runs.create(client, spec, proposedId);
        return created.run().locked(run -> read(created.id(), run, run.snapshot(), Change.NEW, 0));
    }

    /**
     * Moves the page's run and reads it back in the same moment, the work weighed by the limiter first.
     * {@code inspection} is checked before the move, so a refused request leaves the run where it was.
     */
    LabState.Live act(Ref ref, Inspection inspection, Change change, Move move) {
        RunService.Located located = locate(ref);
        TrainingRun live = located.run();
        LabState.Live state = runs.limited(ref.client(), move.cost(live), () -> live.locked(run -> {
            if (inspection != null) {
                inspection.check(run);
            }
            long before = run.step();
            return read(located.id(), run, move.apply(run), change, before);
        }));
        runs.reweigh(located.id(), live);
        return withPath(ref.client(), state, inspection);
    }

    /**
     * The state with the inspected weight's path, walked once when the weight inspector opens or the run jumps
     * (after a step forward the page only needs the new point).
     */
    LabState.Live withPath(String client, LabState.Live state, Inspection inspection) {
        if (inspection == null || inspection.kind() != Inspection.Kind.WEIGHT || state.change() == Change.STEP) {
            return state;
        }
        TrainingRun run = state.run();
        long toStep = state.snapshot().step();
        return state.withTrajectory(runs.limited(client, Trajectory.work(run, toStep, TRAJECTORY_SAMPLES),
                () -> Trajectory.of(run, toStep, inspection.k(), inspection.i(), TRAJECTORY_SAMPLES)));
    }

    /**
     * The state with the loss landscape the page asks for ({@link LandscapeAsk}: empty for none), drawn through the
     * work limiter. An empty canvas has no landscape.
     */
    LabState withLandscape(String client, LabState state, String token) {
        if (!(state instanceof LabState.Live live) || token == null || token.isBlank()) {
            return state;
        }
        RunSnapshot s = live.snapshot();
        LandscapeAsk ask = LandscapeAsk.parse(token, s.parameters());
        List<ParameterIndex> pair = ask.pair(Landscapes.defaultPair(live.run(), s));
        return live.withLandscape(runs.landscapes().of(client, live.id(), live.run(), s,
                pair.get(0), pair.get(1), LANDSCAPE_SIZE));
    }

    /** What the page shows now: its live run as it stands, or its empty canvas. */
    LabState current(Ref ref) {
        RunConfig blank = canvasOf(ref);
        return blank != null ? canvas(blank) : look(ref, null);
    }

    /** The page's run as it stands, without moving it (for the inspector). */
    LabState.Live look(Ref ref, Inspection inspection) {
        return act(ref, inspection, Change.LOOK, Move.STAY);
    }

    /** A new learning rate or λ (each null keeps the one in force): kept from the current step on, or by the canvas. */
    LabState tune(Ref ref, Inspection inspection, Tuning change) {
        RunConfig blank = canvasOf(ref);
        if (blank != null) {
            return canvas(PageData.withData(blank, blank.dataset(), blank.classes(),
                    change.apply(blank.hyperparametersAt(0))));
        }
        return act(ref, inspection, Change.TUNE, Move.tune(change));
    }

    /**
     * A CSV file's points (already read whole, so a bad file never gets here): a new run on them with K from their
     * labels, keeping the page's model settings (softmax for K > 2).
     */
    LabState upload(Ref ref, CsvPoints csv) {
        return start(ref.client(), new RunSpec(data(ref).withCsv(csv), 0));
    }

    /** A new point of class {@code label}: a new run on the custom points, keeping the model settings. */
    LabState addPoint(Ref ref, double x1, double x2, int label) {
        return startOrCanvas(ref.client(), data(ref).withPoint(x1, x2, label));
    }

    /** Removes point {@code index}; with no points left the page becomes an empty canvas. */
    LabState removePoint(Ref ref, int index) {
        return startOrCanvas(ref.client(), data(ref).without(index));
    }

    /** An empty canvas with the page's model settings. */
    LabState clearPoints(Ref ref) {
        return startOrCanvas(ref.client(), data(ref).cleared());
    }

    /** A new run on custom points, or the empty canvas when there are none. */
    private LabState startOrCanvas(String client, RunConfig config) {
        return isEmptyCanvas(config) ? canvas(config) : start(client, new RunSpec(config, 0));
    }

    private RunService.Located locate(Ref ref) {
        return runs.locate(ref.client(), ref.runId(), ref.state());
    }

    private LabState.Live read(String id, TrainingRun run, RunSnapshot s, Change change, long before) {
        return read(runs.permalink(), id, run, s, change, before);
    }

    /** The state, its chart update and the timeline's reach, read under the run's lock. */
    static LabState.Live read(Permalink permalink, String id, TrainingRun run, RunSnapshot s, Change change,
                              long before) {
        long from = switch (change) {
            case NEW -> 0;
            case TUNE -> s.step();
            case STEP, JUMP, LOOK -> Math.min(before, s.step()) + 1;
        };
        LabState.Chart chart = new LabState.Chart(from, run.historyRows(from, s.step(), MAX_CHART_ROWS));
        List<History.Row> recent = run.historyRows(Math.max(0, s.step() - LearningRateWarning.WINDOW), s.step());
        return new LabState.Live(id, run, s, Math.max(s.step(), run.furthestStep()), permalink.query(s), chart,
                change, recent, null, null);
    }

    private LabState.Canvas canvas(RunConfig config) {
        return new LabState.Canvas(config, runs.permalink().query(config, 0));
    }

    /** The data and settings a custom-point action starts from: the page's run, or its empty canvas. */
    private PageData data(Ref ref) {
        RunConfig blank = canvasOf(ref);
        if (blank != null) {
            return new PageData(blank, blank.hyperparametersAt(0), List.of());
        }
        TrainingRun run = locate(ref).run();
        RunSnapshot s = run.snapshot();
        Dataset d = run.dataset();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            points.add(new double[] {d.x1(i), d.x2(i), d.label(i)});
        }
        return new PageData(s.config(), s.hyperparameters(), points);
    }

    /** The empty canvas a request comes from (no run id, a state with no custom points), or null. */
    private RunConfig canvasOf(Ref ref) {
        if ((ref.runId() == null || ref.runId().isEmpty()) && ref.state() != null) {
            RunSpec spec = runs.permalink().read(Permalink.parseQuery(ref.state()));
            if (spec != null && isEmptyCanvas(spec.config())) {
                return spec.config();
            }
        }
        return null;
    }

    private static boolean isEmptyCanvas(RunConfig config) {
        return config.dataset().isCustom() && config.dataset().points().isEmpty();
    }

    private static RunSpec defaultSpec() {
        return RunSpecReader.fromJson(Json.emptyObject());
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
        Map<String, List<String>> out = new LinkedHashMap<>(query);
        if (dataset.equals(List.of("custom"))) {
            if (query.containsKey("points")) {
                return query;
            }
            out.keySet().removeAll(List.of("n", "noise", "dataSeed"));
            out.put("points", List.of(""));
        } else {
            out.keySet().removeAll(List.of("points", "names", "standardized"));
        }
        return out;
    }
}
