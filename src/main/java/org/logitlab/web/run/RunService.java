package org.logitlab.web.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.logitlab.core.RunSnapshot;
import org.logitlab.core.StepBudget;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.FieldError;

/**
 * Creating, finding and rebuilding runs, shared by the API and the page. Takes plain values (a client address, a
 * run id, a permalink state), never a request.
 */
public final class RunService {
    /** A new live run and where it stands. */
    public record Created(String id, TrainingRun run, RunSnapshot snapshot) {
    }

    /** A run and the id it is known by. */
    public record Located(String id, TrainingRun run) {
    }

    /** The most steps one request may take. */
    public static final int MAX_STEPS_PER_REQUEST = 10_000;

    private final RunStore store;
    private final Permalink permalink;
    private final WorkLimiter limiter;
    private final Landscapes landscapes;
    private final int runsPerMinute;
    private final Cache<String, AtomicInteger> creationsPerClient;

    /** @param runsPerMinute run creations allowed per client address per minute; 0 for no limit */
    public RunService(RunStore store, Permalink permalink, WorkLimiter limiter, int runsPerMinute) {
        this.store = store;
        this.permalink = permalink;
        this.limiter = limiter;
        this.landscapes = new Landscapes(limiter);
        this.runsPerMinute = runsPerMinute;
        this.creationsPerClient = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    /** Builds the run the spec describes, moves it to the spec's step, and keeps it live under a new id. */
    public Created create(String client, RunSpec spec) {
        return create(client, spec, null);
    }

    /**
     * Like {@link #create(String, RunSpec)}, keeping the run under {@code proposedId} when that is a well-formed run
     * id not in use: a balancer that routes by run id names the runs it has an instance create (see
     * {@code TrustedProxy}), so that each lives where its id is routed. Otherwise a new random id.
     */
    public Created create(String client, RunSpec spec, String proposedId) {
        Built built = build(client, spec);
        String id;
        if (RunStore.isId(proposedId) && store.find(proposedId) == null) {
            store.put(proposedId, built.run());
            id = proposedId;
        } else {
            id = store.add(built.run());
        }
        return new Created(id, built.run(), built.snapshot());
    }

    /**
     * The run {@code id} as {@code state} (its permalink, or the permalink's query) describes it, for a client that
     * may have moved between instances: the live run when it stands exactly there, else the run rebuilt from
     * {@code state} and kept under the same {@code id}, in place of a copy that is elsewhere in its history.
     */
    public TrainingRun resume(String client, String id, String state) {
        if (!RunStore.isId(id)) {
            throw FieldError.notFound("id", "error.run.noSuchId");
        }
        RunSpec spec;
        try {
            spec = permalink.read(Permalink.parseQuery(state.replaceFirst("^/?\\?", "")));
        } catch (FieldError e) {
            throw FieldError.invalid("state", "error.run.stateParameter", e.field(), e.reason());
        }
        if (spec == null) {
            throw FieldError.invalid("state", "error.run.stateEmpty");
        }
        TrainingRun live = store.find(id);
        if (live != null && permalink.query(spec.config(), spec.step()).equals(permalink.query(live.snapshot()))) {
            return live;
        }
        TrainingRun rebuilt = build(client, spec).run();
        store.put(id, rebuilt);
        return rebuilt;
    }

    /** A run built from {@code spec} and moved to its step, weighed by the work limiter; not kept yet. */
    private Built build(String client, RunSpec spec) {
        if (runsPerMinute > 0) {
            int used = creationsPerClient.get(client, ip -> new AtomicInteger()).incrementAndGet();
            if (used > runsPerMinute) {
                throw new FieldError(FieldError.Kind.TOO_MANY, "body", "error.limit.runsPerMinute", runsPerMinute);
            }
        }
        // A point set too long for a link is saved first, so that a store that cannot save it refuses the request
        // before a run is built and kept.
        permalink.savePoints(spec.config());
        long work = StepBudget.workPerStep(spec.config()) * (spec.step() + 1);
        return limiter.run(client, work, () -> {
            TrainingRun run = new TrainingRun(spec.config());
            return new Built(run, Move.to(spec.step(), "step").apply(run));
        });
    }

    private record Built(TrainingRun run, RunSnapshot snapshot) {
    }

    /**
     * The live run with this id, or, when that is gone (evicted, or the server restarted), a new one rebuilt
     * exactly from {@code state}, its permalink query.
     */
    public Located locate(String client, String id, String state) {
        TrainingRun live = store.find(id);
        if (live != null) {
            return new Located(id, live);
        }
        RunSpec spec = state == null ? null : permalink.read(Permalink.parseQuery(state));
        if (spec == null) {
            throw FieldError.invalid("state", "error.page.lostRun");
        }
        Created created = create(client, spec);
        return new Located(created.id(), created.run());
    }

    /**
     * Makes {@code move} on the live run {@code id} for {@code client}, weighed by the work limiter first; the
     * memory budget then counts what the run holds now.
     */
    public RunSnapshot move(String client, String id, TrainingRun run, Move move) {
        RunSnapshot after = limiter.run(client, move.cost(run), () -> move.apply(run));
        store.reweigh(id, run);
        return after;
    }

    /**
     * Call after a request has stepped, sought or changed the run with this id: the memory budget then counts
     * what the run holds now (a run gains 32–58 bytes a step). Cheap enough for every request.
     */
    public void reweigh(String id, TrainingRun run) {
        store.reweigh(id, run);
    }

    /** Runs work of about {@code units} for {@code client} through the work limiter. */
    public <T> T limited(String client, long units, java.util.function.Supplier<T> work) {
        return limiter.run(client, units, work);
    }

    /** The live run with this id; a 404 when there is none. */
    public TrainingRun get(String id) {
        return store.get(id);
    }

    public Landscapes landscapes() {
        return landscapes;
    }

    public Permalink permalink() {
        return permalink;
    }
}
