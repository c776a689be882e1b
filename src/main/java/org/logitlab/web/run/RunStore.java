package org.logitlab.web.run;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.FieldError;

/**
 * The live runs, bounded in number and idle time. An evicted run is not lost: its permalink rebuilds it exactly.
 * Ids are 128 random bits from {@link SecureRandom}, so one id tells nothing about another.
 */
public final class RunStore {
    private final Cache<String, TrainingRun> runs;
    private final SecureRandom random = new SecureRandom();

    public RunStore(int maxRuns, Duration idleExpiry) {
        this.runs = Caffeine.newBuilder()
                .maximumSize(maxRuns)
                .expireAfterAccess(idleExpiry)
                .build();
    }

    public String add(TrainingRun run) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        runs.put(id, run);
        return id;
    }

    /** The live run with this id; a 404 naming {@code id} when there is none. */
    public TrainingRun get(String id) {
        TrainingRun run = find(id);
        if (run == null) {
            throw FieldError.notFound("id", "error.run.noSuchId");
        }
        return run;
    }

    /** The run if it is still live, else null. */
    public TrainingRun find(String id) {
        return id == null ? null : runs.getIfPresent(id);
    }
}
