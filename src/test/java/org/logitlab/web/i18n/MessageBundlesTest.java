package org.logitlab.web.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.logitlab.text.Sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundles say the same things in both languages: every message key the code uses is in both, with the same
 * placeholders, as a pattern MessageFormat reads; the English the core and data packages keep in code is the
 * English bundle's, word for word.
 */
class MessageBundlesTest {
    /** A key as the code writes it: a string literal such as {@code "error.number.in"}. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(error\\.[A-Za-z0-9_.]+)\"");
    /** A call making a refusal, and which of its arguments is the message key. */
    private static final Map<String, Integer> REFUSALS = Map.of("FieldError.invalid(", 1, "FieldError.notFound(", 1,
            "new FieldError(", 2);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[,}]");
    private static final Properties ENGLISH = bundle("i18n/messages.properties");
    private static final Properties CHINESE = bundle("i18n/messages_zh.properties");

    private static Properties bundle(String resource) {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The {@code error.*} keys written as literals in the main sources. */
    private static Set<String> keysInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    /** The argument numbers a pattern uses, outside its quoted parts. */
    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> indices = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(unquoted(pattern));
        while (m.find()) {
            indices.add(Integer.parseInt(m.group(1)));
        }
        return indices;
    }

    private static String unquoted(String pattern) {
        return pattern.replace("''", "").replaceAll("'[^']*'", "");
    }

    @Test
    void every_key_the_code_uses_is_in_both_bundles() throws IOException {
        Set<String> keys = keysInCode();
        assertTrue(keys.size() > 100, "the scan found the keys: " + keys.size());
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!ENGLISH.containsKey(key)) {
                missing.add(key + " (English)");
            }
            if (!CHINESE.containsKey(key)) {
                missing.add(key + " (Chinese)");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void no_refusal_is_written_in_english_in_the_code() throws IOException {
        List<String> english = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                for (Map.Entry<String, Integer> call : REFUSALS.entrySet()) {
                    for (int at = code.indexOf(call.getKey()); at >= 0; at = code.indexOf(call.getKey(), at + 1)) {
                        List<String> args = arguments(code, at + call.getKey().length());
                        String key = args.size() > call.getValue() ? args.get(call.getValue()) : "";
                        calls++;
                        if (key.startsWith("\"") && !key.startsWith("\"error.")) {
                            english.add(file.getFileName() + ": " + call.getKey() + String.join(", ", args));
                        }
                    }
                }
            }
        }
        assertTrue(calls > 50, "the scan found the refusals: " + calls);
        assertEquals(List.of(), english, "a refusal names a key of the bundles, not its English");
    }

    /** The top-level arguments of the call whose argument list starts at {@code from}, as written. */
    private static List<String> arguments(String code, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quoted) {
                quoted = c != '"' || code.charAt(i - 1) == '\\';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth-- == 0) {
                break;
            } else if (c == ',' && depth == 0) {
                args.add(arg.toString().strip());
                arg.setLength(0);
                continue;
            }
            arg.append(c);
        }
        args.add(arg.toString().strip());
        return args;
    }

    @Test
    void every_error_key_in_the_bundles_is_used() throws IOException {
        Set<String> used = keysInCode();
        String templates = Files.readString(Path.of("templates/lab.html")) + Files.readString(Path.of(
                "templates/error.html"));
        List<String> unused = ENGLISH.stringPropertyNames().stream().filter(k -> k.startsWith("error."))
                .filter(k -> !used.contains(k) && !templates.contains("#{" + k + "}")).sorted().toList();
        assertEquals(List.of(), unused);
    }

    @Test
    void both_bundles_have_the_same_keys_with_the_same_placeholders() {
        assertEquals(new TreeSet<>(ENGLISH.stringPropertyNames()), new TreeSet<>(CHINESE.stringPropertyNames()));
        for (String key : ENGLISH.stringPropertyNames()) {
            assertEquals(placeholders(ENGLISH.getProperty(key)), placeholders(CHINESE.getProperty(key)),
                    () -> key + ": " + ENGLISH.getProperty(key) + " / " + CHINESE.getProperty(key));
        }
    }

    @Test
    void every_message_with_placeholders_is_a_pattern_message_format_reads_with_its_apostrophes_doubled() {
        for (Properties bundle : List.of(ENGLISH, CHINESE)) {
            for (String key : bundle.stringPropertyNames()) {
                String pattern = bundle.getProperty(key);
                if (placeholders(pattern).isEmpty()) {
                    continue;
                }
                Object[] args = placeholders(pattern).stream().map(i -> "#" + i).toArray();
                String text = new MessageFormat(pattern).format(args);
                for (Object arg : args) {
                    assertTrue(text.contains((String) arg), () -> key + " drops " + arg + ": " + text);
                }
                assertTrue(unquoted(pattern).indexOf('\'') < 0, () -> key + " has a lone apostrophe: " + pattern);
            }
        }
    }

    @Test
    void the_english_kept_by_the_core_and_the_data_package_is_the_english_bundle_word_for_word() {
        Set<String> seen = new TreeSet<>();
        for (Sentence s : Sentence.values()) {
            assertTrue(seen.add(s.key()), () -> s.key() + " is defined twice");
            assertEquals(ENGLISH.getProperty(s.key()), s.english(), s.key());
        }
    }

    @Test
    void numbers_in_messages_read_as_message_format_writes_them_in_each_language() {
        Object[][] argumentSets = {{1_234_567, 0.5, -3, 2.25}, {7L, 1e-5, 1_000_000.0, 12}, {"x₁", 3, "w", 0}};
        for (Map.Entry<java.util.Locale, Properties> language : Map.of(java.util.Locale.ENGLISH, ENGLISH,
                java.util.Locale.forLanguageTag("zh"), CHINESE).entrySet()) {
            for (String key : language.getValue().stringPropertyNames()) {
                String pattern = language.getValue().getProperty(key);
                if (placeholders(pattern).isEmpty()) {
                    continue;
                }
                for (Object[] args : argumentSets) {
                    // Twice: the second call reuses the pattern and its number format.
                    for (int call = 0; call < 2; call++) {
                        assertEquals(new MessageFormat(pattern, language.getKey()).format(args),
                                Messages.find(language.getKey(), key, args), key + " in " + language.getKey());
                    }
                }
            }
        }
    }

    @Test
    void a_pattern_that_also_formats_a_number_itself_gets_the_number() {
        for (String pattern : List.of("{0,number,percent} of {0}", "{0} {0,choice,0#none|1#one|1<many}")) {
            Object[] args = {0.5};
            assertEquals(new MessageFormat(pattern, java.util.Locale.ENGLISH).format(args),
                    Messages.Pattern.of(pattern, java.util.Locale.ENGLISH).format(args), pattern);
        }
    }

    @Test
    void a_pattern_formats_each_message_right_when_many_threads_use_it_at_once() throws Exception {
        Messages.Pattern shared = Messages.Pattern.of("class {0}: {1} of {2} ({3})", java.util.Locale.ENGLISH);
        List<Object[]> argumentSets = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // Doubles of every size: the number format's fast path, its slow path, and its grouping.
            double size = Math.pow(10, i % 13 - 4);
            argumentSets.add(new Object[] {i + 1, (1234.5678 * i - 99) * size, (long) i * 1_000_003L, "w" + i});
        }
        List<String> expected = argumentSets.stream()
                .map(args -> new MessageFormat("class {0}: {1} of {2} ({3})", java.util.Locale.ENGLISH).format(args))
                .toList();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int mistakes = 0;
                    for (int call = 0; call < 20_000; call++) {
                        int which = (call + offset * 7) % argumentSets.size();
                        if (!expected.get(which).equals(shared.format(argumentSets.get(which)))) {
                            mistakes++;
                        }
                    }
                    return mistakes;
                }));
            }
            for (Future<Integer> mistakes : wrong) {
                assertEquals(0, mistakes.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
