package org.logitlab.web.run;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;

import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.FieldError;

/**
 * The live runs, bounded by the bytes they keep ({@link TrainingRun#footprintBytes}) and by idle time. An evicted
 * run is not lost: its permalink rebuilds it exactly. Ids are 128 random bits from {@link SecureRandom}, so one id
 * tells nothing about another.
 *
 * <p>A run grows as it steps, so whoever moves a run calls {@link #reweigh} afterwards. When a new or grown run
 * does not fit, the least recently used runs make room for it. Caffeine's own eviction stays as the hard bound,
 * but left alone it would refuse a new run heavier than 1 % of the budget whenever the runs already kept were used
 * as often (its admission filter), so that a permalink of a late step opened in a full store would be replayed
 * on every request; least recently used is also what a class expects.
 */
public final class RunStore {
    private final Cache<String, TrainingRun> runs;
    private final Policy.Eviction<String, TrainingRun> budget;
    private final Policy.FixedExpiration<String, TrainingRun> idle;
    private final SecureRandom random = new SecureRandom();

    /** @param maxBytes the memory budget of the live runs, @param idleExpiry a run untouched this long goes */
    public RunStore(long maxBytes, Duration idleExpiry) {
        this(maxBytes, idleExpiry, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** A store with its clock and its maintenance executor given, so that tests see evictions as they happen. */
    public RunStore(long maxBytes, Duration idleExpiry, Ticker ticker, Executor executor) {
        this.runs = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String id, TrainingRun run) -> weight(run))
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .executor(executor)
                .build();
        this.budget = runs.policy().eviction().orElseThrow();
        this.idle = runs.policy().expireAfterAccess().orElseThrow();
    }

    public String add(TrainingRun run) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        put(id, run);
        return id;
    }

    /** Keeps {@code run} under {@code id}, in place of any run kept there. */
    public void put(String id, TrainingRun run) {
        makeRoom(weight(run), id);
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
            throw FieldError.notFound("id", "error.run.noSuchId");
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
        OptionalInt before = budget.weightOf(id);
        int now = weight(run);
        if (before.isPresent() && before.getAsInt() != now) {
            makeRoom(now - before.getAsInt(), id);
            runs.asMap().replace(id, run, run);
        }
    }

    /** Evicts the least recently used runs other than {@code keep} until {@code bytes} more fit in the budget. */
    private void makeRoom(long bytes, String keep) {
        if (bytes <= 0 || bytes > budget.getMaximum()) {
            return;
        }
        runs.cleanUp();
        while (budget.weightedSize().orElseThrow() + bytes > budget.getMaximum()) {
            Optional<String> oldest = idle.oldest(2).keySet().stream().filter(id -> !id.equals(keep)).findFirst();
            if (oldest.isEmpty()) {
                return;
            }
            runs.invalidate(oldest.get());
            runs.cleanUp();
        }
    }

    public long size() {
        runs.cleanUp();
        return runs.estimatedSize();
    }

    /** The bytes the live runs keep, as weighed. */
    public long weightedBytes() {
        runs.cleanUp();
        return budget.weightedSize().orElseThrow();
    }

    private static int weight(TrainingRun run) {
        return (int) Math.min(Integer.MAX_VALUE, run.footprintBytes());
    }
}
