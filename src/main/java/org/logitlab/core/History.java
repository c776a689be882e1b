package org.logitlab.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-step measurements of a run, indexed by step: losses, accuracies and the gradient norm (with L1, the norm of
 * the minimum-norm subgradient; see {@link Evaluation#gradientNorm()}).
 *
 * <p>Kept compact because a run at its last step holds up to 100 000 rows, and a new run should cost little: every
 * number is an exact double, one row after another in blocks of {@link #BLOCK_STEPS} steps. Only the last block
 * grows, by doubling from {@value #FIRST_ROWS} rows, so growth never copies more than one block and at most half
 * of one is unused. The test columns exist only when the run has a test split. A row costs 8 bytes a column:
 * 32 bytes without a test split, 48 with one.
 */
public final class History {
    /** Steps per block: 32 KB or 48 KB, small against a long run and large enough to keep block count low. */
    static final int BLOCK_STEPS = 1024;
    /** Rows a block starts with: a run at step 0 keeps half a kilobyte of history, not a whole block. */
    static final int FIRST_ROWS = 16;
    private static final int TRAIN_LOSS = 0;
    private static final int OBJECTIVE = 1;
    private static final int TRAIN_ACCURACY = 2;
    private static final int GRADIENT_NORM = 3;
    private static final int TEST_LOSS = 4;
    private static final int TEST_ACCURACY = 5;

    /** One step's measurements. */
    public record Row(long step, double trainLoss, double objective, Double testLoss, double trainAccuracy,
                      Double testAccuracy, double gradientNorm) {
    }

    private final int columns;
    private final List<double[]> blocks = new ArrayList<>();
    private int length;

    /** An empty history; {@code withTest} keeps the test loss and accuracy columns too. */
    History(boolean withTest) {
        this.columns = withTest ? 6 : 4;
    }

    void record(long step, Evaluation e) {
        int i = Math.toIntExact(step);
        if (i > length) {
            throw new IllegalStateException("history has a gap before step " + step);
        }
        if ((e.testLoss() != null) != (columns == 6)) {
            throw new IllegalStateException("a test measurement " + (columns == 6 ? "is missing" : "has no column"));
        }
        if (i / BLOCK_STEPS == blocks.size()) {
            blocks.add(new double[FIRST_ROWS * columns]);
        }
        double[] block = blocks.get(i / BLOCK_STEPS);
        int at = (i % BLOCK_STEPS) * columns;
        if (at == block.length) {
            block = Arrays.copyOf(block, 2 * block.length);
            blocks.set(i / BLOCK_STEPS, block);
        }
        block[at + TRAIN_LOSS] = e.trainLoss();
        block[at + OBJECTIVE] = e.objective();
        block[at + TRAIN_ACCURACY] = e.trainAccuracy();
        block[at + GRADIENT_NORM] = e.gradientNorm();
        if (columns == 6) {
            block[at + TEST_LOSS] = e.testLoss();
            block[at + TEST_ACCURACY] = e.testAccuracy();
        }
        length = Math.max(length, i + 1);
    }

    /** Forgets every step after {@code step}, and gives back the blocks no longer needed. */
    void truncateAfter(long step) {
        length = (int) Math.min(length, step + 1);
        int needed = (length + BLOCK_STEPS - 1) / BLOCK_STEPS;
        blocks.subList(needed, blocks.size()).clear();
    }

    /**
     * The rows of steps {@code first}..{@code last} (none when last &lt; first), but at most about {@code maxRows}
     * of them: a longer stretch is given as every k-th step, always with its first and last, so that a chart of
     * 100 000 steps is not sent whole.
     */
    List<Row> rows(long first, long last, int maxRows) {
        List<Row> rows = new ArrayList<>();
        if (last < first) {
            return rows;
        }
        long stride = Math.max(1, (last - first + maxRows) / maxRows);
        for (long t = first; t <= last; t += stride) {
            rows.add(row((int) t));
        }
        if ((last - first) % stride != 0) {
            rows.add(row((int) last));
        }
        return rows;
    }

    /** Number of recorded steps (steps 0..length−1). */
    public int length() {
        return length;
    }

    public Row row(int step) {
        if (step < 0 || step >= length) {
            throw new IndexOutOfBoundsException("step " + step + " of a history of " + length);
        }
        double[] block = blocks.get(step / BLOCK_STEPS);
        int at = (step % BLOCK_STEPS) * columns;
        Double testLoss = columns == 6 ? block[at + TEST_LOSS] : null;
        Double testAccuracy = columns == 6 ? block[at + TEST_ACCURACY] : null;
        return new Row(step, block[at + TRAIN_LOSS], block[at + OBJECTIVE], testLoss, block[at + TRAIN_ACCURACY],
                testAccuracy, block[at + GRADIENT_NORM]);
    }

    /** An independent copy of steps 0..toStep, for readers outside the run's lock. */
    History copy(int toStep) {
        History h = new History(columns == 6);
        h.length = Math.min(length, toStep + 1);
        int needed = (h.length + BLOCK_STEPS - 1) / BLOCK_STEPS;
        for (int b = 0; b < needed; b++) {
            h.blocks.add(blocks.get(b).clone());
        }
        return h;
    }

    /** The bytes this history keeps: its blocks (all full but the last) and the list that holds them. */
    long footprintBytes() {
        long bytes = Footprint.object(3) + Footprint.arrayList(blocks.size());
        if (!blocks.isEmpty()) {
            bytes += (blocks.size() - 1) * Footprint.doubles((long) BLOCK_STEPS * columns)
                    + Footprint.doubles(blocks.get(blocks.size() - 1).length);
        }
        return bytes;
    }
}
