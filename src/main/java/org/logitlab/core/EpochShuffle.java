package org.logitlab.core;

import java.util.SplittableRandom;

import org.logitlab.data.Split;

/**
 * The order in which sgd and minibatch visit the training set: a fresh permutation each epoch, each drawn from
 * its own seeded stream so that any step's batch can be found without replaying the ones before it.
 */
final class EpochShuffle {
    private final long seed;
    private final int size;
    private final int batchSize;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    EpochShuffle(long seed, int size, int batchSize) {
        this.seed = seed;
        this.size = size;
        this.batchSize = batchSize;
        this.batchesPerEpoch = (size + batchSize - 1) / batchSize;
    }

    /** The permutation of the epoch that step {@code step} falls in. */
    int[] orderFor(long step) {
        long epoch = step / batchesPerEpoch;
        if (epoch != cachedEpoch) {
            cachedOrder = Split.permutation(new SplittableRandom(mix(seed, epoch)), size);
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    int batchStart(long step) {
        return (int) (step % batchesPerEpoch) * batchSize;
    }

    int batchEnd(long step) {
        return Math.min(batchStart(step) + batchSize, size);
    }

    /** A 64-bit mix (Stafford's variant 13) so that neighbouring epochs get unrelated streams. */
    static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
