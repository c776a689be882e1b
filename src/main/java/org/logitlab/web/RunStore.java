package org.logitlab.web;

import java.security.SecureRandom;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.logitlab.core.TrainingRun;

/**
 * The live runs, bounded in number and idle time. An evicted run is not lost: its permalink rebuilds it exactly.
 * Ids are 128 random bits from {@link SecureRandom}, so one id tells nothing about another.
 */
public final class RunStore {
    private final Cache<String, TrainingRun> runs;
    private final SecureRandom random = new SecureRandom();

    public RunStore(Settings settings) {
        this.runs = Caffeine.newBuilder()
                .maximumSize(settings.maxRuns())
                .expireAfterAccess(settings.idleExpiry())
                .build();
    }

    public String add(TrainingRun run) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        runs.put(id, run);
        return id;
    }

    public TrainingRun get(String id) {
        TrainingRun run = id == null ? null : runs.getIfPresent(id);
        if (run == null) {
            throw new NotFound("id", "no run with this id (it may have expired; its permalink rebuilds it)");
        }
        return run;
    }

    /** The run if it is still live, else null. */
    public TrainingRun find(String id) {
        return id == null ? null : runs.getIfPresent(id);
    }

    public long size() {
        runs.cleanUp();
        return runs.estimatedSize();
    }
}
