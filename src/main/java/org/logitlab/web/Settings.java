package org.logitlab.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.logitlab.web.run.PointStore;
import org.logitlab.web.run.WorkLimiter;

/**
 * Server settings, read from the environment.
 *
 * @param runMemoryBytes      the heap live runs may keep, weighed by {@link org.logitlab.core.TrainingRun#footprintBytes};
 *                            beyond it runs are evicted (their permalinks rebuild them)
 * @param idleExpiry          a run untouched this long is evicted (its permalink still rebuilds it)
 * @param runsPerMinute       run creations allowed per client address per minute; 0 turns the limit off
 * @param logRequests         log each request's method, path, status and time
 * @param pointQuota          the bytes and files saved point sets may take; the least recently used go first
 * @param clientLimits        what one client address may take: connections, threads, body rate, idle time
 * @param work                how many long computations (replays) one client may have waiting, and the server
 */
public record Settings(int port, Path dataDirectory, long runMemoryBytes, Duration idleExpiry, int runsPerMinute,
                       boolean logRequests, PointStore.Quota pointQuota, ClientLimits.Limits clientLimits,
                       WorkLimiter.Limits work) {
    /**
     * The default share of the maximum heap for live runs. The rest is for what a request holds while it runs (a run
     * being replayed, up to 5 MB at step 100 000 before it is stored), rendering, Jetty's buffers and the
     * collector's headroom: with 40 %, 600 creations of runs at step 100 000 pass on a 384 MB heap.
     */
    static final double DEFAULT_RUN_MEMORY_FRACTION = 0.4;
    private static final long MB = 1024 * 1024;
    private static final ClientLimits.Limits CLIENTS = ClientLimits.Limits.DEFAULT;

    public static Settings fromEnvironment(Map<String, String> env) {
        int memoryMb = integer(env, "LOGITLAB_RUN_MEMORY_MB", 0);
        return new Settings(
                integer(env, "PORT", 7070),
                Path.of(env.getOrDefault("LOGITLAB_DATA_DIR", "data")),
                memoryMb > 0 ? memoryMb * MB : defaultRunMemory(),
                Duration.ofMinutes(integer(env, "LOGITLAB_IDLE_MINUTES", 120)),
                integer(env, "LOGITLAB_RUNS_PER_MINUTE", 0),
                "1".equals(env.get("LOGITLAB_LOG_REQUESTS")),
                new PointStore.Quota(
                        integer(env, "LOGITLAB_POINTS_MAX_MB", (int) (PointStore.Quota.DEFAULT.maxBytes() / MB)) * MB,
                        integer(env, "LOGITLAB_POINTS_MAX_FILES", PointStore.Quota.DEFAULT.maxFiles())),
                new ClientLimits.Limits(
                        integer(env, "LOGITLAB_CONNECTIONS_PER_ADDRESS", CLIENTS.connectionsPerAddress()),
                        integer(env, "LOGITLAB_THREADS_PER_ADDRESS", CLIENTS.threadsPerAddress()),
                        integer(env, "LOGITLAB_MIN_BODY_BYTES_PER_SECOND", CLIENTS.minBodyBytesPerSecond()),
                        Duration.ofSeconds(integer(env, "LOGITLAB_CONNECTION_IDLE_SECONDS",
                                (int) CLIENTS.idleTimeout().toSeconds()))),
                new WorkLimiter.Limits(
                        integer(env, "LOGITLAB_HEAVY_PER_CLIENT", WorkLimiter.Limits.DEFAULT.perClient()),
                        integer(env, "LOGITLAB_HEAVY_WAITING", WorkLimiter.Limits.DEFAULT.waiting())));
    }

    /** Defaults for tests: a random port and the given data directory. */
    public static Settings forTests(Path dataDirectory) {
        return new Settings(0, dataDirectory, defaultRunMemory(), Duration.ofMinutes(30), 0, false,
                PointStore.Quota.DEFAULT, ClientLimits.Limits.DEFAULT, WorkLimiter.Limits.DEFAULT);
    }

    public Settings withRunMemoryBytes(long bytes) {
        return new Settings(port, dataDirectory, bytes, idleExpiry, runsPerMinute, logRequests, pointQuota,
                clientLimits, work);
    }

    public Settings withIdleExpiry(Duration idle) {
        return new Settings(port, dataDirectory, runMemoryBytes, idle, runsPerMinute, logRequests, pointQuota,
                clientLimits, work);
    }

    public Settings withRunsPerMinute(int perMinute) {
        return new Settings(port, dataDirectory, runMemoryBytes, idleExpiry, perMinute, logRequests, pointQuota,
                clientLimits, work);
    }

    public Settings withClientLimits(ClientLimits.Limits limits) {
        return new Settings(port, dataDirectory, runMemoryBytes, idleExpiry, runsPerMinute, logRequests, pointQuota,
                limits, work);
    }

    public Settings withWork(WorkLimiter.Limits limits) {
        return new Settings(port, dataDirectory, runMemoryBytes, idleExpiry, runsPerMinute, logRequests, pointQuota,
                clientLimits, limits);
    }

    private static long defaultRunMemory() {
        return (long) (DEFAULT_RUN_MEMORY_FRACTION * Runtime.getRuntime().maxMemory());
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"", e);
        }
    }
}
