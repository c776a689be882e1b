package org.logitlab.web.run;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.logitlab.core.PairPath;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.render.Landscape;

/**
 * Loss landscapes of live runs, for the API and the page. The path of a pair of parameters is walked once per run
 * and kept (bounded in bytes), then continued as the run steps: a landscape shown at every step costs its picture,
 * not a replay. Both the walk and the picture go through the {@link WorkLimiter}.
 */
public final class Landscapes {
    /** Bytes the kept paths may take: 16 bytes a step, so about 400 paths of 10 000 steps. */
    static final long PATH_BYTES = 64L * 1024 * 1024;

    private final WorkLimiter limiter;
    private final Cache<Key, Known> paths = Caffeine.newBuilder()
            .maximumWeight(PATH_BYTES)
            .weigher((Key k, Known v) -> 16 * v.path().length() + 64)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    Landscapes(WorkLimiter limiter) {
        this.limiter = limiter;
    }

    private record Key(String runId, ParameterIndex a, ParameterIndex b) {
    }

    /** A path and the configuration (with its schedule) that produced it. */
    private record Known(RunConfig config, PairPath path) {
    }

    /** The pair shown when none is chosen: the two parameters that moved most since step 0. */
    public static List<ParameterIndex> defaultPair(TrainingRun run, RunSnapshot s) {
        return ParameterIndex.mostMoved(run.start(), s.parameters());
    }

    /**
     * The landscape of the live run {@code id} at {@code s} over parameters {@code a} and {@code b}, {@code size}
     * nodes a side, with the path they took from step 0 to {@code s}.
     */
    public Landscape of(String client, String id, TrainingRun run, RunSnapshot s, ParameterIndex a, ParameterIndex b,
                        int size) {
        PairPath path = path(client, id, run, s, a, b);
        long picture = (long) size * size * run.workPerStep() / 10;
        return limiter.run(client, picture, () -> Landscape.compute(run.objective(), s.parameters(),
                s.hyperparameters().l2(), s.hyperparameters().l1(), a, b, path, size));
    }

    /** The pair's path to {@code s}: from what is known of this run, continued (or walked) as far as needed. */
    private PairPath path(String client, String id, TrainingRun run, RunSnapshot s, ParameterIndex a,
                          ParameterIndex b) {
        Key key = new Key(id, a, b);
        Known known = paths.getIfPresent(key);
        PairPath have = known != null && known.config().equals(s.config()) ? known.path() : PairPath.NONE;
        long steps = s.step() - Math.max(0, have.length() - 1) + TrainingRun.CHECKPOINT_INTERVAL;
        PairPath path = limiter.run(client, steps * run.workPerStep(), () -> PairPath.replay(run, have, s.step(), a,
                b));
        if (path.length() > have.length()) {
            paths.put(key, new Known(s.config(), path));
        }
        return path;
    }
}
