package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's weight in bytes: what the run store's memory budget counts. */
class FootprintTest {

    private static RunConfig blobs(int n, int classes, double testFraction, Feature... features) {
        return Fixtures.run("blobs", n, classes, classes == 2 ? Parameterization.SIGMOID : Parameterization.SOFTMAX,
                Fixtures.features(features), Optimizer.BATCH, 10, 0.1, 0, testFraction, 1, new Init.Zeros());
    }

    @Test
    void history_grows_only_its_last_block_and_gives_blocks_back_when_cut() {
        History history = new History(false);
        Evaluation e = new Evaluation(0.5, 0.5, Parameters.zeros(1, 2), Parameters.zeros(1, 2), 1, 0.5, null, null);
        long empty = history.footprintBytes();
        history.record(0, e);
        assertTrue(history.footprintBytes() - empty < 1024, "a new history keeps well under a kilobyte");
        for (int t = 1; t < History.BLOCK_STEPS; t++) {
            history.record(t, e);
        }
        long oneBlock = history.footprintBytes();
        assertEquals(32L * History.BLOCK_STEPS, oneBlock - empty, 64, "32 bytes a step without a test split");
        for (int t = History.BLOCK_STEPS; t < 3 * History.BLOCK_STEPS; t++) {
            history.record(t, e);
        }
        assertEquals(3 * (oneBlock - empty), history.footprintBytes() - empty, 64, "full blocks have no spare room");
        history.record(3 * History.BLOCK_STEPS, e);
        assertTrue(history.footprintBytes() - empty < 3 * (oneBlock - empty) + 1024, "a new block starts small");

        history.truncateAfter(10);
        assertEquals(oneBlock, history.footprintBytes());
        assertEquals(11, history.length());
        assertEquals(e.trainLoss(), history.row(10).trainLoss());
    }

    @ParameterizedTest(name = "K = {0}, test fraction {1}: {2}–{3} bytes a step")
    @CsvSource({"2, 0, 32, 36", "2, 0.2, 48, 52", "8, 0, 40, 43"})
    void a_run_costs_its_history_row_and_a_share_of_a_checkpoint_per_step(int classes, double testFraction,
                                                                          double least, double most) {
        RunConfig config = blobs(40, classes, testFraction, Feature.values());
        TrainingRun run = new TrainingRun(config);
        run.goTo(2 * History.BLOCK_STEPS);
        long early = run.footprintBytes();
        run.goTo(22 * History.BLOCK_STEPS);
        double perStep = (double) (run.footprintBytes() - early) / (20 * History.BLOCK_STEPS);
        assertTrue(perStep >= least && perStep <= most, perStep + " bytes a step");
    }

    @Test
    void going_back_keeps_the_steps_already_computed_and_so_their_bytes() {
        TrainingRun run = new TrainingRun(blobs(40, 2, 0, Feature.X1, Feature.X2));
        run.goTo(5000);
        long far = run.footprintBytes();
        run.goTo(10);
        assertEquals(far, run.footprintBytes());
    }

    /**
     * Measured in a JVM of its own, where nothing else allocates: the heap the runs give back when let go, against
     * the sum of their estimates.
     */
    @Test
    @Tag("slow")
    void the_estimate_is_within_a_tenth_of_the_heap_the_runs_really_keep() throws Exception {
        Process measure = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), HeapMeasure.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(measure.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, measure.waitFor(), out);
        String[] figures = out.split(" ");
        long estimated = Long.parseLong(figures[0]);
        long measured = Long.parseLong(figures[1]);
        assertEquals(1.0, (double) estimated / measured, 0.1, "estimated " + estimated + ", measured " + measured);
    }

    /** Builds runs of every size of model, and prints their estimated and their measured bytes. */
    static final class HeapMeasure {
        public static void main(String[] args) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<TrainingRun> runs = new ArrayList<>();
            long estimated = 0;
            for (int i = 0; i < 12; i++) {
                TrainingRun run = new TrainingRun(blobs(300, 2 + i % 7, i % 2 == 0 ? 0 : 0.25, Feature.values()));
                run.goTo(3000 + 1500L * i);
                estimated += run.footprintBytes();
                runs.add(run);
            }
            long held = usedAfterCollection(memory);
            runs.clear();
            System.out.println(estimated + " " + (held - usedAfterCollection(memory)));
        }

        private static long usedAfterCollection(MemoryMXBean memory) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return memory.getHeapMemoryUsage().getUsed();
        }
    }
}
