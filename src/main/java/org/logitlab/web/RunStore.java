package org.logitlab.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.logitlab.core.TrainingRun;

/**
 * The live runs, bounded by the bytes they keep ({@link TrainingRun#footprintBytes}) and by idle time. An evicted
 * run is not lost: its permalink rebuilds it exactly. Ids are 128 random bits from {@link SecureRandom}, so one id
 * tells nothing about another.
 *
 * <p>A run grows as it steps, so whoever moves a run calls {@link #reweigh} afterwards. When the budget is full,
 * Caffeine's admission keeps the runs used often over new ones used once: a flood of heavy new runs is evicted
 * before it can push out the runs a class is working with.
 */
public final class RunStore {
    private final Cache<String, TrainingRun> runs;
    private final SecureRandom random = new SecureRandom();

    public RunStore(Settings settings) {
        this(settings.runMemoryBytes(), settings.idleExpiry(), Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** A store with its clock and its maintenance executor given, so that tests see evictions as they happen. */
    RunStore(long maxBytes, Duration idleExpiry, Ticker ticker, Executor executor) {
        this.runs = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String id, TrainingRun run) -> weight(run))
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .executor(executor)
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
        TrainingRun run = find(id);
        if (run == null) {
            throw new NotFound("id", "no run with this id (it may have expired; its permalink rebuilds it)");
        }
        return run;
    }

    /** The run if it is still live, else null. */
    public TrainingRun find(String id) {
        return id == null ? null : runs.getIfPresent(id);
    }

    /**
     * Weighs a run again after it has moved (stepped, sought, changed), so that the budget counts what it holds
     * now. Cheap: the footprint is a few multiplications, and the store is written only when it changed, which
     * is once per history block or checkpoint.
     */
    public void reweigh(String id, TrainingRun run) {
        OptionalInt now = runs.policy().eviction().orElseThrow().weightOf(id);
        if (now.isPresent() && now.getAsInt() != weight(run)) {
            runs.asMap().replace(id, run, run);
        }
    }

    public long size() {
        runs.cleanUp();
        return runs.estimatedSize();
    }

    /** The bytes the live runs keep, as weighed. */
    long weightedBytes() {
        runs.cleanUp();
        return runs.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private static int weight(TrainingRun run) {
        return (int) Math.min(Integer.MAX_VALUE, run.footprintBytes());
    }
}
