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

    /** Keeps {@code run} under {@code id}, in place of any run kept there. */
    public void put(String id, TrainingRun run) {
        runs.put(id, run);
    }

    /** Whether {@code id} has the form of the ids {@link #add} gives: 32 lowercase hex digits. */
    public static boolean isId(String id) {
        return id != null && id.length() == 32
                && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** The live run with this id; a 404 naming {@code id} when there is none. */
    public TrainingRun get(String id) {
        TrainingRun run = find(id);
        if (run == null) {
            throw FieldError.notFound("id", "no run with this id (it may have expired; its permalink rebuilds it)");
        }
        return run;
    }

    /** The run if it is still live, else null. */
    public TrainingRun find(String id) {
        return id == null ? null : runs.getIfPresent(id);
    }
}
