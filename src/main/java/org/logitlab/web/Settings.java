package org.logitlab.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Server settings, read from the environment.
 *
 * @param maxRuns             live runs kept in memory; the least recently used beyond this are evicted
 * @param idleExpiry          a run untouched this long is evicted (its permalink still rebuilds it)
 * @param runsPerMinute       run creations allowed per client address per minute; 0 turns the limit off
 * @param logRequests         log each request's method, path, status and time
 * @param heavyJobsPerClient  long computations (replays of many steps) one client address may have waiting
 * @param heavyJobsWaiting    long computations the server holds waiting at once
 */
public record Settings(int port, Path dataDirectory, int maxRuns, Duration idleExpiry, int runsPerMinute,
                       boolean logRequests, int heavyJobsPerClient, int heavyJobsWaiting) {

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                integer(env, "PORT", 7070),
                Path.of(env.getOrDefault("LOGITLAB_DATA_DIR", "data")),
                integer(env, "LOGITLAB_MAX_RUNS", 10_000),
                Duration.ofMinutes(integer(env, "LOGITLAB_IDLE_MINUTES", 120)),
                integer(env, "LOGITLAB_RUNS_PER_MINUTE", 0),
                "1".equals(env.get("LOGITLAB_LOG_REQUESTS")),
                integer(env, "LOGITLAB_HEAVY_PER_CLIENT", 4),
                integer(env, "LOGITLAB_HEAVY_WAITING", 64));
    }

    /** Defaults for tests: a random port and the given data directory. */
    public static Settings forTests(Path dataDirectory) {
        return new Settings(0, dataDirectory, 1000, Duration.ofMinutes(30), 0, false, 4, 64);
    }

    /** These settings with another limit of live runs. */
    public Settings withMaxRuns(int runs) {
        return new Settings(port, dataDirectory, runs, idleExpiry, runsPerMinute, logRequests, heavyJobsPerClient,
                heavyJobsWaiting);
    }

    /** These settings with another idle expiry. */
    public Settings withIdleExpiry(Duration idle) {
        return new Settings(port, dataDirectory, maxRuns, idle, runsPerMinute, logRequests, heavyJobsPerClient,
                heavyJobsWaiting);
    }

    /** These settings with another limit of new runs per client and minute. */
    public Settings withRunsPerMinute(int perMinute) {
        return new Settings(port, dataDirectory, maxRuns, idleExpiry, perMinute, logRequests, heavyJobsPerClient,
                heavyJobsWaiting);
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
