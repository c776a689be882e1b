package org.logitlab.web.i18n;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import org.logitlab.text.Reason;

/**
 * The message bundles ({@code i18n/messages.properties}, English, and {@code messages_zh.properties}, 简体中文): the
 * page's words, and every refusal a person can read, by key. A message with arguments is a {@link MessageFormat}
 * pattern; one without is used as it is.
 */
public final class Messages {
    public static final String BUNDLE = "i18n.messages";
    /** English is the base bundle; never fall back to the JVM's own locale. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    /** The bundle per language: ResourceBundle.getBundle looks up candidate locales on every call. */
    private static final Map<Locale, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();
    /** Parsed patterns, one per language and key: a step renders dozens of messages. */
    private static final Map<String, Pattern> FORMATS = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** A message, formatted with {@code args}; the key itself when the bundle has no such message. */
    public static String message(Locale locale, String key, Object... args) {
        String text = find(locale, key, args);
        return text == null ? key : text;
    }

    /** A reason said in {@code locale}, its nested reasons too. */
    public static String say(Locale locale, Reason reason) {
        return reason.say((key, args) -> message(locale, key, args));
    }

    /** A reason in English: the text of the JSON API's errors, whatever the request's language. */
    public static String english(Reason reason) {
        return say(Locale.ENGLISH, reason);
    }

    /** The message, formatted with {@code args}, or null when the bundle has no such key. */
    public static String find(Locale locale, String key, Object[] args) {
        try {
            ResourceBundle bundle = BUNDLES.computeIfAbsent(locale, l -> ResourceBundle.getBundle(BUNDLE, l, CONTROL));
            if (args == null || args.length == 0) {
                return bundle.getString(key);
            }
            return FORMATS.computeIfAbsent(locale + "|" + key, k -> Pattern.of(bundle.getString(key), locale))
                    .format(args);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /**
     * A parsed pattern with the number format its plain arguments use. {@link MessageFormat} writes a number in a
     * plain {@code {0}} with a NumberFormat it builds on every call, which cost more than the rest of the message;
     * this writes it with one kept per pattern, the same format for the same locale.
     */
    record Pattern(MessageFormat format, boolean plain, NumberFormat numbers) {
        static Pattern of(String pattern, Locale locale) {
            MessageFormat format = new MessageFormat(pattern, locale);
            // Only a pattern of plain {n} alone: one that also writes an argument as {0,number,…} or {0,choice,…}
            // needs the number itself there.
            boolean plain = Arrays.stream(format.getFormats()).allMatch(Objects::isNull);
            return new Pattern(format, plain, NumberFormat.getInstance(locale));
        }

        /** Neither format is thread-safe; a pattern formats one message at a time. */
        synchronized String format(Object[] args) {
            Object[] written = args;
            for (int i = 0; plain && i < args.length; i++) {
                if (args[i] instanceof Number n) {
                    if (written == args) {
                        written = args.clone();
                    }
                    written[i] = numbers.format(n);
                }
            }
            return format.format(written);
        }
    }
}
