package org.logitlab.web.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.logitlab.web.input.FieldError;

class WorkLimiterTest {
    private static final long HEAVY = WorkLimiter.LIGHT_UNITS + 1;
    /** Two cores: two light permits and one heavy thread, so the order of heavy jobs is the order they are taken. */
    private final WorkLimiter limiter = new WorkLimiter(2, 3, 10);
    /** A thread per waiting request, as the server has: the common pool may have a single thread. */
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        limiter.close();
        requests.shutdownNow();
    }

    @Test
    void light_work_runs_on_the_requests_own_thread() {
        Thread caller = Thread.currentThread();
        assertSame(caller, limiter.run("a", WorkLimiter.LIGHT_UNITS, Thread::currentThread));
    }

    @Test
    void heavy_work_runs_on_the_heavy_pool_and_its_failures_reach_the_caller_unchanged() {
        assertTrue(limiter.run("a", HEAVY, () -> Thread.currentThread().getName()).startsWith("logitlab-heavy-"));
        FieldError refusal = FieldError.invalid("count", "no");
        assertSame(refusal, assertThrows(FieldError.class, () -> limiter.run("a", HEAVY, () -> {
            throw refusal;
        })));
    }

    @Test
    void the_heavy_pool_serves_clients_in_turn_rather_than_in_order_of_arrival() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = async("a", () -> {
            running.countDown();
            await(release);
            order.add("a1");
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> a2 = async("a", () -> order.add("a2"));
        waitUntilWaiting(1);
        CompletableFuture<Void> a3 = async("a", () -> order.add("a3"));
        waitUntilWaiting(2);
        CompletableFuture<Void> b1 = async("b", () -> order.add("b1"));
        waitUntilWaiting(3);
        release.countDown();
        CompletableFuture.allOf(first, a2, a3, b1).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a1", "a2", "b1", "a3"), order);
    }

    @Test
    void a_client_over_its_share_of_heavy_work_is_refused_before_any_work_while_others_are_served() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = async("a", () -> {
            running.countDown();
            await(release);
        });
        // The first job runs before the next two are sent, so that the two waiting are both queued behind it.
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> second = async("a", () -> { });
        CompletableFuture<Void> third = async("a", () -> { });
        waitUntilWaiting(2);
        List<String> ran = new CopyOnWriteArrayList<>();
        FieldError e = assertThrows(FieldError.class, () -> limiter.run("a", HEAVY, () -> ran.add("a4")));
        assertEquals(FieldError.Kind.TOO_MANY, e.kind());
        assertTrue(ran.isEmpty());
        CompletableFuture<Void> other = async("b", () -> ran.add("b1"));
        release.countDown();
        CompletableFuture.allOf(busy, second, third, other).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("b1"), ran);
    }

    @Test
    void work_started_inside_work_runs_at_once_instead_of_waiting_for_itself() {
        String inner = limiter.run("a", HEAVY, () -> limiter.run("a", HEAVY, () -> "done"));
        assertEquals("done", inner);
    }

    private CompletableFuture<Void> async(String client, Runnable work) {
        return CompletableFuture.runAsync(() -> limiter.run(client, HEAVY, () -> {
            work.run();
            return null;
        }), requests);
    }

    /** Until {@code n} heavy jobs wait behind the running one. */
    private void waitUntilWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.waitingJobs() < n) {
            assertTrue(System.nanoTime() < deadline, "jobs never queued");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
