package org.logitlab.web.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.junit.jupiter.api.Test;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.Json;

/** The store is bounded by the bytes its runs keep; a fake clock and a same-thread executor make it exact. */
class RunStoreTest {
    private static final long MB = 1024 * 1024;
    private final AtomicLong nanos = new AtomicLong();

    private RunStore store(long maxBytes) {
        return new RunStore(maxBytes, Duration.ofMinutes(30), nanos::get, Runnable::run);
    }

    private static TrainingRun run(int n, long step) {
        try {
            TrainingRun run = new TrainingRun(RunSpecReader.fromJson(Json.MAPPER.readTree(
                    "{\"dataset\":{\"n\":" + n + "}}")).config());
            run.goTo(step);
            return run;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runs_past_the_budget_are_evicted_so_the_weighed_bytes_never_exceed_it() {
        RunStore store = store(2 * MB);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(store.add(run(20, 10_000)));
            assertTrue(store.weightedBytes() <= 2 * MB, store.weightedBytes() + " bytes weighed");
        }
        long live = ids.stream().filter(id -> store.find(id) != null).count();
        long oneRun = run(20, 10_000).footprintBytes();
        assertTrue(oneRun > 300_000, "a run at step 10 000 keeps its history: " + oneRun);
        assertEquals(2 * MB / oneRun, live, 1, "as many runs as fit in the budget stay live");
    }

    @Test
    void a_run_that_grows_is_weighed_again_once_reweighed() {
        RunStore store = store(64 * MB);
        TrainingRun run = run(20, 0);
        String id = store.add(run);
        long small = store.weightedBytes();
        run.goTo(50_000);
        assertEquals(small, store.weightedBytes(), "the store does not know until told");
        store.reweigh(id, run);
        assertEquals(run.footprintBytes(), store.weightedBytes());
        assertTrue(store.weightedBytes() > 1_500_000, "50 000 steps of history: " + store.weightedBytes());
    }

    @Test
    void a_run_that_outgrows_the_budget_by_stepping_is_evicted_when_reweighed() {
        RunStore store = store(MB);
        TrainingRun run = run(20, 0);
        String id = store.add(run);
        run.goTo(40_000);
        assertNotNull(store.find(id));
        store.reweigh(id, run);
        assertNull(store.find(id), "a run over the whole budget cannot stay");
    }

    @Test
    void reweighing_a_run_no_longer_live_does_nothing() {
        RunStore store = store(MB);
        TrainingRun run = run(20, 40_000);
        String id = store.add(run);
        assertNull(store.find(id));
        store.reweigh(id, run);
        assertNull(store.find(id));
        assertEquals(0, store.size());
    }

    @Test
    void a_run_untouched_for_the_idle_time_expires_and_one_in_use_does_not() {
        RunStore store = store(64 * MB);
        String idle = store.add(run(20, 0));
        String busy = store.add(run(20, 0));
        for (int minute = 0; minute < 40; minute += 10) {
            nanos.addAndGet(Duration.ofMinutes(10).toNanos());
            assertNotNull(store.find(busy), "minute " + minute);
        }
        assertNull(store.find(idle));
    }

    @Test
    void a_new_heavy_run_in_a_full_store_pushes_out_the_least_recently_used_one() {
        long heavy = run(20, 20_000).footprintBytes();
        RunStore store = store(4 * heavy + heavy / 2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(store.add(run(20, 20_000)));
        }
        store.get(ids.get(0));
        String newcomer = store.add(run(20, 20_000));
        assertNotNull(store.find(newcomer), "the new run is kept");
        assertNull(store.find(ids.get(1)), "the least recently used run made room");
        assertNotNull(store.find(ids.get(0)), "a run used since stays");
        assertEquals(4, store.size());
    }

    @Test
    void a_run_in_use_outlasts_a_flood_of_heavy_runs_created_once() {
        RunStore store = store(8 * MB);
        String id = store.add(run(20, 20_000));
        for (int i = 0; i < 40; i++) {
            store.add(run(20, 20_000));
            assertNotNull(store.get(id), "after " + i + " new runs");
        }
    }

    @Test
    void a_run_that_grows_makes_room_by_pushing_out_the_least_recently_used_one() {
        long heavy = run(20, 20_000).footprintBytes();
        RunStore store = store(3 * heavy);
        String old = store.add(run(20, 20_000));
        String other = store.add(run(20, 20_000));
        TrainingRun growing = run(20, 0);
        String id = store.add(growing);
        store.get(other);
        growing.goTo(25_000);
        store.reweigh(id, growing);
        assertNotNull(store.find(id));
        assertNotNull(store.find(other));
        assertNull(store.find(old));
        assertTrue(store.weightedBytes() <= 3 * heavy);
    }
}
