package org.logitlab.core;

/**
 * What objects cost on the heap of a 64-bit JVM with compressed references (any heap under 32 GB): a 12-byte
 * object header, 4 bytes per reference or int, 8 per long or double, a 16-byte array header, every object padded
 * to 8 bytes. Used to weigh a run in bytes, so that the server can bound its memory by what runs really hold
 * rather than by how many there are.
 */
final class Footprint {
    /** One entry of a {@link java.util.TreeMap}: key, value, three links and a colour. */
    static final long TREE_ENTRY = object(6);
    /** A boxed {@code Long}, such as a checkpoint's step. */
    static final long BOXED_LONG = object(2);

    /** A run's own fields, its configuration, model, objective and the small objects they hold. */
    private static final long RUN_FIXED_BYTES = 1024;

    private Footprint() {
    }

    /** What a run of these parts keeps on the heap: {@link TrainingRun#footprintBytes()} says what is counted. */
    static long ofRun(RunConfig config, Descent descent, Parameters theta, Checkpoints checkpoints, History history) {
        long bytes = RUN_FIXED_BYTES + descent.footprintBytes() + 3 * theta.footprintBytes()
                + config.schedule().size() * (TREE_ENTRY + BOXED_LONG + object(4))
                + checkpoints.footprintBytes(theta.footprintBytes())
                + history.footprintBytes();
        if (config.dataset().isCustom()) {
            int points = descent.dataset().size();
            bytes += arrayList(points) + points * doubles(3);
        }
        return bytes;
    }

    /** An object with {@code slots} four-byte fields (a long or double counts as two). */
    static long object(int slots) {
        return align(12 + 4L * slots);
    }

    static long doubles(long count) {
        return align(16 + 8 * count);
    }

    static long ints(long count) {
        return align(16 + 4 * count);
    }

    static long booleans(long count) {
        return align(16 + count);
    }

    /** An {@link java.util.ArrayList} of {@code size} references, with up to half again as much spare room. */
    static long arrayList(long size) {
        return object(3) + align(16 + 4 * (size + size / 2));
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
