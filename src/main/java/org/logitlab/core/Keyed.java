package org.logitlab.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A choice that the JSON API, permalinks and the page name by a key: by default its constant's name in lower case
 * ({@code minibatch}, {@code softmax}, {@code diverged}); a choice whose name cannot say it gives its own
 * ({@link Feature#key()}: {@code x1^2}).
 */
public interface Keyed {
    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The name used by the JSON API, permalinks and the page. */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice among {@code values} whose key is {@code key}, if there is one. */
    static <E extends Keyed> Optional<E> byKey(E[] values, String key) {
        return Arrays.stream(values).filter(e -> e.key().equals(key)).findFirst();
    }

    /** The keys of {@code values} as a refusal lists them: {@code batch, sgd, minibatch}. */
    static String keys(Keyed[] values) {
        return String.join(", ", Arrays.stream(values).map(Keyed::key).toList());
    }
}
