package org.logitlab.core;

/** Which examples one gradient-descent step looks at. One step is always one update θ ← θ − η·g. */
public enum Optimizer {
    /** g = ∇J over the whole training set. */
    BATCH("batch"),
    /** g from one example, walking a fresh seeded shuffle of the training set each epoch. */
    SGD("sgd"),
    /** g from {@code batchSize} examples, walking a fresh seeded shuffle each epoch. */
    MINIBATCH("minibatch");

    private final String key;

    Optimizer(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Examples per step for a training set of {@code trainSize}: all, one, or {@code batchSize} (at most all). */
    public int examplesPerStep(int trainSize, int batchSize) {
        return switch (this) {
            case BATCH -> trainSize;
            case SGD -> 1;
            case MINIBATCH -> Math.min(batchSize, trainSize);
        };
    }

    public static Optimizer byKey(String key) {
        for (Optimizer o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        throw new InvalidConfigException("optimizer", CoreText.ONE_OF, "batch, sgd, minibatch");
    }
}
