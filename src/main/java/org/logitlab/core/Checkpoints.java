package org.logitlab.core;

import java.util.TreeMap;

/**
 * θ at step 0 and every {@link TrainingRun#CHECKPOINT_INTERVAL} steps of a run, from which the run reaches any step it
 * has computed by replaying fewer than that many steps.
 */
final class Checkpoints {
    private final TreeMap<Long, Parameters> kept = new TreeMap<>();

    /** Keeps θ of {@code step} when it is step 0 or a multiple of the interval. */
    void offer(long step, Parameters theta) {
        if (step % TrainingRun.CHECKPOINT_INTERVAL == 0) {
            kept.put(step, theta);
        }
    }

    /** θ kept at {@code step}, which must be a checkpoint. */
    Parameters at(long step) {
        return kept.get(step);
    }

    /** The checkpoint that {@code target} is replayed from: the last one before it (step 0 for step 0). */
    long before(long target) {
        return target == 0 ? 0 : kept.floorKey(target - 1);
    }

    /**
     * Where a run at {@code step} starts to reach {@code target}: back, the checkpoint before it; forward, this step,
     * or the checkpoint before the target when that lies further on (steps computed before, then left by going back).
     */
    long replayFrom(long target, long step) {
        return target < step ? before(target) : Math.max(step, before(target));
    }

    /** Forgets the checkpoints after {@code step}: they were reached under settings no longer in force. */
    void forgetAfter(long step) {
        kept.tailMap(step, false).clear();
    }

    void copyFrom(Checkpoints other) {
        kept.putAll(other.kept);
    }

    /** The bytes kept, each checkpoint a tree entry, its boxed step and a θ of {@code thetaBytes}. */
    long footprintBytes(long thetaBytes) {
        return kept.size() * (Footprint.TREE_ENTRY + Footprint.BOXED_LONG + thetaBytes);
    }
}
