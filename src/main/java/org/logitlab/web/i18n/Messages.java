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
import java.util.concurrent.locks.ReentrantLock;

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
     *
     * <p>Neither format is thread-safe. The kept pair formats one message at a time; a thread that finds it busy
     * formats with copies of its own instead of waiting. Under load (32 clients on 2 cores) page steps had waited
     * 10–250 ms for a label's pattern, behind a thread the scheduler had paused while it held the pattern (JFR's
     * monitor events: 136 and 360 such waits in two load runs; none with copies).
     */
    static final class Pattern {
        // Copied, never written with. A copy of a format that has written a number shares its digit buffer with it
        // (DigitList.clone leaves the buffer shared), and a copy taken while another thread writes takes its
        // half-written state: a test formatting from 8 threads saw wrong messages. Copies of these are clean.
        private final MessageFormat original;
        private final NumberFormat originalNumbers;
        private final boolean plain;
        private final MessageFormat format;
        private final NumberFormat numbers;
        private final ReentrantLock kept = new ReentrantLock();

        private Pattern(MessageFormat original, boolean plain, NumberFormat originalNumbers) {
            this.original = original;
            this.originalNumbers = originalNumbers;
            this.plain = plain;
            this.format = (MessageFormat) original.clone();
            this.numbers = (NumberFormat) originalNumbers.clone();
        }

        static Pattern of(String pattern, Locale locale) {
            MessageFormat format = new MessageFormat(pattern, locale);
            // Only a pattern of plain {n} alone: one that also writes an argument as {0,number,…} or {0,choice,…}
            // needs the number itself there.
            boolean plain = Arrays.stream(format.getFormats()).allMatch(Objects::isNull);
            return new Pattern(format, plain, NumberFormat.getInstance(locale));
        }

        String format(Object[] args) {
            if (kept.tryLock()) {
                try {
                    return format(format, numbers, args);
                } finally {
                    kept.unlock();
                }
            }
            return format((MessageFormat) original.clone(), (NumberFormat) originalNumbers.clone(), args);
        }

        private String format(MessageFormat message, NumberFormat number, Object[] args) {
            Object[] written = args;
            for (int i = 0; plain && i < args.length; i++) {
                if (args[i] instanceof Number n) {
                    if (written == args) {
                        written = args.clone();
                    }
                    written[i] = number.format(n);
                }
            }
            return message.format(written);
        }
    }
}
