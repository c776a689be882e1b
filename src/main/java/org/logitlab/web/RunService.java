package org.logitlab.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.javalin.http.Context;

import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.PointStore;
import org.logitlab.web.run.RunSpec;

/** Creating, finding and rebuilding runs, shared by the API and the page. */
public final class RunService {
    /** A new live run and where it stands. */
    public record Created(String id, TrainingRun run, RunSnapshot snapshot) {
    }

    private final RunStore store;
    private final Permalink permalink;
    private final int runsPerMinute;
    private final Cache<String, AtomicInteger> creationsPerClient;

    public RunService(Settings settings) {
        this.store = new RunStore(settings);
        this.permalink = new Permalink(new PointStore(settings.dataDirectory(), settings.pointQuota()));
        this.runsPerMinute = settings.runsPerMinute();
        this.creationsPerClient = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    /** Builds the run the spec describes, moves it to the spec's step, and keeps it live. */
    public Created create(Context ctx, RunSpec spec) {
        if (runsPerMinute > 0) {
            int used = creationsPerClient.get(ctx.ip(), ip -> new AtomicInteger()).incrementAndGet();
            if (used > runsPerMinute) {
                throw new TooManyRequests("at most " + runsPerMinute + " new runs per minute from one address; "
                        + "wait a minute or keep stepping the runs you have");
            }
        }
        permalink.savePoints(spec.config());
        TrainingRun run = new TrainingRun(spec.config());
        RunSnapshot snapshot = run.goTo(spec.step());
        return new Created(store.add(run), run, snapshot);
    }

    /** A run and the id the page knows it by. */
    public record Located(String id, TrainingRun run) {
    }

    /**
     * The run a page request is about: the live run with the request's {@code run} id, or, when that is gone
     * (evicted, or the server restarted), a new one rebuilt exactly from the request's {@code state} permalink.
     */
    public Located locate(Context ctx) {
        String id = param(ctx, "run");
        TrainingRun live = store.find(id);
        if (live != null) {
            return new Located(id, live);
        }
        String state = param(ctx, "state");
        RunSpec spec = state == null ? null : permalink.read(Permalink.parseQuery(state));
        if (spec == null) {
            throw new BadRequest("state", "this page has lost its run; reload the page");
        }
        Created created = create(ctx, spec);
        return new Located(created.id(), created.run());
    }

    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v != null ? v : ctx.queryParam(name);
    }

    public TrainingRun get(String id) {
        return store.get(id);
    }

    /**
     * Call after a request has stepped, sought or changed the run with this id: the memory budget then counts
     * what the run holds now (a run gains 32–58 bytes a step). Cheap enough for every request.
     */
    public void reweigh(String id, TrainingRun run) {
        store.reweigh(id, run);
    }

    /** The live run with this id, or null. */
    public TrainingRun find(String id) {
        return store.find(id);
    }

    public Permalink permalink() {
        return permalink;
    }

    public long liveRuns() {
        return store.size();
    }
}
