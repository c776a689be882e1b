package org.logitlab.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition, never for a fixed time: it is checked until it holds or the deadline passes. */
public final class Await {
    /** Between checks, so that a condition that makes requests does not flood the server. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, String message) {
        until(timeout, condition, () -> message);
    }

    /** Fails with the message (computed then, so it can say what was seen last) if the deadline passes first. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeout.toMillis() + " ms: " + message.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
