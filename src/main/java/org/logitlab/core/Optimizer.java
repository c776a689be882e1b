package org.logitlab.core;

import org.logitlab.text.Sentence;

/** Which examples one gradient-descent step looks at. One step is always one update θ ← θ − η·g. */
public enum Optimizer implements Keyed {
    /** g = ∇J over the whole training set. */
    BATCH,
    /** g from one example, walking a fresh seeded shuffle of the training set each epoch. */
    SGD,
    /** g from {@code batchSize} examples, walking a fresh seeded shuffle each epoch. */
    MINIBATCH;

    /** Examples per step for a training set of {@code trainSize}: all, one, or {@code batchSize} (at most all). */
    public int examplesPerStep(int trainSize, int batchSize) {
        return switch (this) {
            case BATCH -> trainSize;
            case SGD -> 1;
            case MINIBATCH -> Math.min(batchSize, trainSize);
        };
    }

    public static Optimizer byKey(String key) {
        return Keyed.byKey(values(), key)
                .orElseThrow(() -> new InvalidConfigException("optimizer", Sentence.ONE_OF, Keyed.keys(values())));
    }
}
