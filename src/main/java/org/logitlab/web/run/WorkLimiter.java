package org.logitlab.web.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.logitlab.web.input.FieldError;

/**
 * One limiter for the CPU work of every request, weighed in the units of a run's work limit
 * ({@code TrainingRun.workPerStep}: about 1.8 ns each on the benchmark machine).
 *
 * <p>Light work — a step, an evaluation, a page at an early step: at most {@link #LIGHT_UNITS} — runs on the
 * request's own thread, as many at once as there are cores, first come first served. Heavy work — a replay to a
 * late step, a long seek, many steps at once, the inspector's path — runs on a pool of its own with one thread
 * fewer than there are cores (at least one), so that it never takes the capacity light work needs. The pool takes
 * jobs from the clients' queues in turn: one client's replays wait behind each other, not in front of everyone
 * else's. A client may have {@code perClient} heavy jobs waiting or running, and the pool {@code total}; beyond
 * that the request is refused (429, or 503 when the server as a whole is full) before any work is done.
 */
public final class WorkLimiter implements AutoCloseable {
    /** Work that runs on the request's thread: about 45 ms of one core. */
    public static final long LIGHT_UNITS = 25_000_000;

    /**
     * How much heavy work may wait.
     *
     * @param perClient heavy jobs one client address may have waiting or running
     * @param waiting   heavy jobs the server holds waiting at once
     */
    public record Limits(int perClient, int waiting) {
        public static final Limits DEFAULT = new Limits(4, 64);
    }

    private final Semaphore light;
    private final int perClient;
    private final int total;
    private final Object lock = new Object();
    /** Waiting jobs by client, in the order the clients are served. */
    private final LinkedHashMap<String, ArrayDeque<FutureTask<?>>> waiting = new LinkedHashMap<>();
    /** Heavy jobs waiting or running, by client. */
    private final Map<String, Integer> pending = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
    private int queued;
    private boolean closed;

    /** @param cores the machine's cores: light permits, and cores − 1 heavy threads (at least one) */
    public WorkLimiter(int cores, Limits limits) {
        this(cores, limits.perClient(), limits.waiting());
    }

    WorkLimiter(int cores, int perClient, int total) {
        this.light = new Semaphore(Math.max(1, cores), true);
        this.perClient = perClient;
        this.total = total;
        for (int t = 0; t < Math.max(1, cores - 1); t++) {
            Thread worker = new Thread(this::serve, "logitlab-heavy-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Runs {@code work}, which costs about {@code units}, for {@code client}, and answers its result. */
    public <T> T run(String client, long units, Supplier<T> work) {
        if (inside.get()) {
            // Work within work (a rebuild inside a move) is already counted by the outer job.
            return work.get();
        }
        return units <= LIGHT_UNITS ? light(work) : heavy(client, work);
    }

    private <T> T light(Supplier<T> work) {
        try {
            light.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return within(work);
        } finally {
            light.release();
        }
    }

    private <T> T within(Supplier<T> work) {
        inside.set(true);
        try {
            return work.get();
        } finally {
            inside.set(false);
        }
    }

    private <T> T heavy(String client, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> within(work));
        synchronized (lock) {
            if (closed) {
                throw busy();
            }
            int mine = pending.getOrDefault(client, 0);
            if (mine >= perClient) {
                throw new FieldError(FieldError.Kind.TOO_MANY, "request", "error.limit.waiting", mine);
            }
            if (queued >= total) {
                throw busy();
            }
            pending.put(client, mine + 1);
            queued++;
            waiting.computeIfAbsent(client, c -> new ArrayDeque<>()).add(task);
            lock.notify();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw busy();
        } catch (CancellationException e) {
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static FieldError busy() {
        return new FieldError(FieldError.Kind.UNAVAILABLE, "request", "error.limit.busy");
    }

    /** A worker: the next client's next job, round and round. */
    private void serve() {
        while (true) {
            Job job;
            synchronized (lock) {
                while (!closed && waiting.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = next();
            }
            try {
                job.task().run();
            } finally {
                synchronized (lock) {
                    pending.computeIfPresent(job.client(), (c, n) -> n == 1 ? null : n - 1);
                }
            }
        }
    }

    /** A heavy job and the client it is for. */
    private record Job(String client, FutureTask<?> task) {
    }

    /** The first waiting client's oldest job; that client goes to the back of the line. */
    private Job next() {
        Iterator<Map.Entry<String, ArrayDeque<FutureTask<?>>>> it = waiting.entrySet().iterator();
        Map.Entry<String, ArrayDeque<FutureTask<?>>> first = it.next();
        ArrayDeque<FutureTask<?>> jobs = first.getValue();
        FutureTask<?> task = jobs.poll();
        it.remove();
        if (!jobs.isEmpty()) {
            waiting.put(first.getKey(), jobs);
        }
        queued--;
        return new Job(first.getKey(), task);
    }

    /** Heavy jobs waiting for a thread (not those running). */
    public int waitingJobs() {
        synchronized (lock) {
            return queued;
        }
    }

    /** Stops the heavy threads; jobs still waiting are cancelled. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            waiting.values().forEach(jobs -> jobs.forEach(task -> task.cancel(false)));
            waiting.clear();
            lock.notifyAll();
        }
    }
}
