package org.logitlab.text;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Why something is refused, apart from any language: the key of its sentence in the message bundles
 * ({@code i18n/messages*.properties}) and the values the sentence names. The web layer says it in the page's
 * language, and in English for the JSON API.
 *
 * <p>An argument is a word of no language (a field name, a number, a list of keys) or a phrase of its own, a nested
 * {@code Reason} said in the same language. Numbers are written as LogitLab's messages always have: no grouping
 * (5000, not 5,000), and a whole double without ".0".
 */
public record Reason(String key, List<Object> args) {
    public Reason {
        Objects.requireNonNull(key, "key");
        args = args.stream().map(Reason::word).toList();
    }

    public static Reason of(String key, Object... args) {
        return new Reason(key, Arrays.asList(args));
    }

    /**
     * This reason in one language. {@code sentence} gives a key's text with its arguments filled in (see
     * {@link #fill}); nested reasons are said first, with the same {@code sentence}.
     */
    public String say(BiFunction<String, Object[], String> sentence) {
        Object[] values = args.stream().map(a -> a instanceof Reason r ? r.say(sentence) : a).toArray();
        return sentence.apply(key, values);
    }

    /**
     * A {@link MessageFormat} pattern with its arguments filled in; a pattern is used as it is when there are none
     * (so an apostrophe is doubled only in a sentence with placeholders, as in the message bundles).
     */
    public static String fill(String pattern, Object[] args) {
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** A number as the messages write it: whole values without ".0", others as {@link Double#toString}. */
    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Object word(Object arg) {
        if (arg instanceof Double || arg instanceof Float) {
            return plain(((Number) arg).doubleValue());
        }
        return arg instanceof Reason ? arg : String.valueOf(arg);
    }
}
