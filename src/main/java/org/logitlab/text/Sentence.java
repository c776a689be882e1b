package org.logitlab.text;

/**
 * A sentence whose English is kept in code. The core and data packages read no message bundles, so each keeps the
 * English of its refusals in an enum of these; the English bundle repeats every one under its key (a test keeps the
 * two the same), and the other bundles translate it. Patterns are {@link java.text.MessageFormat}'s: an apostrophe
 * is written twice in a sentence with placeholders.
 */
public interface Sentence {
    /** A sentence's key in the message bundles and its English pattern, held by each constant of its enum. */
    record Words(String key, String english) {
    }

    /** This sentence's key and English. */
    Words words();

    /** The key in the message bundles. */
    default String key() {
        return words().key();
    }

    /** The English pattern. */
    default String english() {
        return words().english();
    }

    /** This sentence with its arguments, to be said in any language. */
    default Reason with(Object... args) {
        return Reason.of(key(), args);
    }

    /** A reason built from {@code sentences} (nested reasons too), said in English. */
    static String english(Reason reason, Sentence[] sentences) {
        return reason.say((key, args) -> {
            for (Sentence s : sentences) {
                if (s.key().equals(key)) {
                    return Reason.fill(s.english(), args);
                }
            }
            throw new IllegalArgumentException("no English sentence for " + key);
        });
    }
}
