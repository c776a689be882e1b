package org.logitlab.web.robust;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import org.logitlab.web.TestServer;
import org.logitlab.web.robust.JsonText.Arr;
import org.logitlab.web.robust.JsonText.Entry;
import org.logitlab.web.robust.JsonText.Node;
import org.logitlab.web.robust.JsonText.Obj;
import org.logitlab.web.robust.JsonText.Raw;

/**
 * Generators of bad input: JSON bodies mutated from valid ones, odd literals, random unicode, deep nesting,
 * truncations, and the text values that reach query parameters, form fields and path segments.
 *
 * <p>Numbers are kept small where a valid value would cost training time (a generated body that happens to be
 * valid creates a real run), so thousands of tries stay fast.
 */
final class Garbage {
    static final List<String> ODD_LITERALS = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1e999",
            "-1e999", "1e-999", "-0", "-0.0", "+1", ".5", "1.", "01", "00", "0x10", "1_000",
            "123456789012345678901234567890", "9007199254740993", "9223372036854775808", "-9223372036854775809",
            "1e3", "1e4", "10001", "100001", "2.5e-3", "true", "false", "null", "undefined", "[]", "{}", "\"\"",
            "[[]]", "{\"\":null}", "\"NaN\"", "\"Infinity\"", "\"1\"", "'1'", "1 2");
    static final List<String> WORDS = List.of("blobs", "circles", "spiral", "moons", "xor", "custom", "sigmoid",
            "softmax", "batch", "sgd", "minibatch", "zeros", "random", "explicit", "x1", "x2", "x1^2", "x2^2",
            "x1*x2", "sin(x1)", "sin(x2)", "X1", " x1", "");
    static final List<String> KEYS = List.of("dataset", "name", "n", "noise", "seed", "points", "classes",
            "parameterization", "features", "optimizer", "batchSize", "learningRate", "l2", "testFraction", "init",
            "weights", "biases", "step", "schedule", "from", "count", "", "__proto__", "Step", "dataset.n");
    static final List<String> ODD_TEXTS = List.of("", " ", "NaN", "Infinity", "-Infinity", "-1", "-0", "1e999",
            "1e-999", "0x1", "1,2", "1;2", ";", ",", ":", "@", "@abc", "@" + "0".repeat(64), "w:0,0", "x:0", "x:-1",
            "w:99,99", "w:", "x:0:s", "x:", "%", "+", "1e4", "10000", "10001", "100000", "100001", "5000", "5001",
            "99999999999999999999", "1.5", " 2 ", "２", "٣", "true", "null", "x1,x2,x1,x2", "0,0,9", "1:2:3;4:5:6");

    private Garbage() {
    }

    // ---- text ------------------------------------------------------------------------------------------------

    static Arbitrary<String> unicode() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** Text for a query parameter, form field or path segment. */
    static Arbitrary<String> text() {
        return mix(List.of(
                weighted(4, Arbitraries.of(ODD_TEXTS)),
                weighted(2, Arbitraries.integers().between(-50, 300).map(String::valueOf)),
                weighted(1, Arbitraries.doubles().map(String::valueOf)),
                weighted(1, Arbitraries.longs().map(String::valueOf)),
                weighted(1, Arbitraries.of(WORDS)),
                weighted(2, unicode()),
                weighted(1, Arbitraries.strings().withCharRange('0', '9').ofMinLength(300).ofMaxLength(3000))));
    }

    /** A path segment as it appears in a request line: percent-encoded text, or raw oddities. */
    static Arbitrary<String> pathSegment() {
        return mix(List.of(
                weighted(3, Arbitraries.integers().between(-5, 40).map(String::valueOf)),
                weighted(2, Arbitraries.of("", ".", "..", "%2e%2e", "%2F", "%2f..%2f", ";", ";a=b", "%00", "%ff", "%",
                        "%zz", "~", "*", "%20", "+", "-0", "1e2", "0x1", "1.0", "9999999999999999999", "NaN",
                        "Infinity", "%E2%80%AE", "..%2F..%2Fpom.xml", "%C0%AE", "a%0D%0AX-Injected:%201", "\\", "//",
                        "%5C", "%u0041")),
                weighted(1, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)),
                weighted(2, text().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)))));
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    static Arbitrary<Node> scalar() {
        return mix(List.of(
                weighted(4, Arbitraries.of(ODD_LITERALS).map(Raw::new)),
                weighted(3, Arbitraries.integers().between(-50, 200).map(JsonText::num)),
                weighted(1, Arbitraries.longs().map(JsonText::num)),
                weighted(1, Arbitraries.doubles().map(JsonText::num)),
                weighted(2, Arbitraries.of(WORDS).map(JsonText::str)),
                weighted(2, unicode().map(JsonText::str)),
                weighted(1, unicode().map(Raw::new)),
                weighted(1, Arbitraries.strings().withCharRange('0', '9').ofMinLength(900).ofMaxLength(1100)
                        .map(Raw::new))));
    }

    static Arbitrary<String> key() {
        return mix(List.of(weighted(4, Arbitraries.of(KEYS)), weighted(1, unicode())));
    }

    static Arbitrary<Node> value(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<Node> array = value(depth - 1).list().ofMaxSize(4).map(items -> (Node) new Arr(items));
        Arbitrary<Node> object = Combinators.combine(key(), value(depth - 1)).as(Entry::new).list().ofMaxSize(4)
                .map(entries -> (Node) new Obj(entries));
        return mix(List.of(weighted(5, scalar()), weighted(1, array), weighted(1, object)));
    }

    enum Kind { REPLACE, REMOVE, ADD, DUPLICATE, NEST }

    /** One change to one object in a tree; {@code where} and {@code which} pick the object and the entry. */
    record Mutation(Kind kind, int where, int which, String key, Node value) {
        void applyTo(Node root) {
            List<Obj> objects = JsonText.objects(root);
            if (objects.isEmpty()) {
                return;
            }
            List<Entry> entries = objects.get(where % objects.size()).entries();
            if (entries.isEmpty() && kind != Kind.ADD) {
                return;
            }
            int i = entries.isEmpty() ? 0 : which % entries.size();
            switch (kind) {
                case REPLACE -> entries.set(i, new Entry(entries.get(i).key(), value));
                case REMOVE -> entries.remove(i);
                case ADD -> entries.add(which % (entries.size() + 1), new Entry(key, value));
                case DUPLICATE -> entries.add(new Entry(entries.get(i).key(), which % 2 == 0 ? value
                        : entries.get(i).value()));
                case NEST -> {
                    Node nested = entries.get(i).value();
                    for (int d = 0; d <= which % 40; d++) {
                        nested = new Arr(List.of(nested));
                    }
                    entries.set(i, new Entry(entries.get(i).key(), nested));
                }
                default -> throw new AssertionError(kind);
            }
        }
    }

    static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000), key(), value(2)).as(Mutation::new);
    }

    /** A change to the finished text: cut it short, slip a character in, or wrap it. */
    static Arbitrary<UnaryOperator<String>> textEdit() {
        Arbitrary<UnaryOperator<String>> truncate = Arbitraries.integers().between(0, 10_000)
                .map(at -> s -> s.substring(0, at % (s.length() + 1)));
        Arbitrary<UnaryOperator<String>> insert = Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(",", "}", "]", "{", "[", "\"", ":", "NaN", "\u0000", "//c\n", "/*", "'", "\\", "\uD800"))
                .as((at, what) -> s -> {
                    int i = at % (s.length() + 1);
                    return s.substring(0, i) + what + s.substring(i);
                });
        return mix(List.of(
                weighted(8, Arbitraries.just(s -> s)),
                weighted(2, truncate),
                weighted(2, insert),
                weighted(1, Arbitraries.just(s -> "[" + s + "]")),
                weighted(1, Arbitraries.just(s -> s + s))));
    }

    /** Valid bodies bent by one to three mutations and maybe a text edit. */
    static Arbitrary<String> mutated(List<Node> bases) {
        return Combinators.combine(Arbitraries.of(bases), mutation().list().ofMinSize(1).ofMaxSize(3), textEdit())
                .as((base, mutations, edit) -> {
                    Node root = JsonText.mutableCopy(base);
                    mutations.forEach(m -> m.applyTo(root));
                    return edit.apply(root.render());
                });
    }

    /** Arrays or objects nested up to a few thousand deep, closed or not. */
    static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 5000), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((depth, objects, closed) -> {
                    String open = objects ? "{\"dataset\":" : "[";
                    String close = objects ? "}" : "]";
                    return open.repeat(depth) + (objects ? "{}" : "") + (closed ? close.repeat(depth) : "");
                });
    }

    /** Any body for a JSON endpoint: mostly near-valid JSON, sometimes anything at all. */
    static Arbitrary<String> jsonBodies(List<Node> bases) {
        return mix(List.of(
                weighted(12, mutated(bases)),
                weighted(2, value(2).map(Node::render)),
                weighted(1, deepNesting()),
                weighted(1, unicode()),
                weighted(1, Arbitraries.of("", " ", "\n", "{}", "null", "[]", "{", "}", "\"{}\"", "{\"\":}", "{,}"))));
    }

    // ---- parameter lists (queries and forms) -----------------------------------------------------------------

    /** A name and value, as in a query string or a form; lists of them may repeat a name. */
    record Param(String name, String value) {
    }

    record ParamMutation(Kind kind, int which, String name, String value) {
        void applyTo(List<Param> params) {
            if (params.isEmpty() && kind != Kind.ADD) {
                return;
            }
            int i = params.isEmpty() ? 0 : which % params.size();
            switch (kind) {
                case REPLACE, NEST -> params.set(i, new Param(params.get(i).name(), value));
                case REMOVE -> params.remove(i);
                case ADD -> params.add(which % (params.size() + 1), new Param(name, value));
                case DUPLICATE -> params.add(new Param(params.get(i).name(), value));
                default -> throw new AssertionError(kind);
            }
        }
    }

    static Arbitrary<List<Param>> mutatedParams(List<List<Param>> bases, List<String> names) {
        Arbitrary<String> name = mix(List.of(weighted(4, Arbitraries.of(names)), weighted(1, unicode())));
        Arbitrary<ParamMutation> mutation = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1000), name, text()).as(ParamMutation::new);
        return Combinators.combine(Arbitraries.of(bases), mutation.list().ofMinSize(0).ofMaxSize(3))
                .as((base, mutations) -> {
                    List<Param> params = new ArrayList<>(base);
                    mutations.forEach(m -> m.applyTo(params));
                    return params;
                });
    }

    /** Parameter lists mutated from the bases, encoded, and sometimes damaged beyond what an encoder writes. */
    static Arbitrary<String> encodedParams(List<List<Param>> bases, List<String> names) {
        return encoded(mutatedParams(bases, names));
    }

    static Arbitrary<String> encoded(Arbitrary<List<Param>> params) {
        return Combinators.combine(params, encodingDamage()).as((p, damage) -> damage.apply(encode(p)));
    }

    static String encode(List<Param> params) {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            out.append(out.length() == 0 ? "" : "&").append(TestServer.query(p.name(), p.value()));
        }
        return out.toString();
    }

    /** Damage to an encoded query or form body that no encoder would produce. */
    private static Arbitrary<UnaryOperator<String>> encodingDamage() {
        return mix(List.of(
                weighted(10, Arbitraries.just(s -> s)),
                weighted(1, Arbitraries.of("%zz", "%", "%C3", "%ff%fe", "&&", "=", "==", "&=&", "%00", "+%2B")
                        .map(bad -> s -> s + "&n=" + bad)),
                weighted(1, Arbitraries.of("%", "%g", "&", "=").map(bad -> s -> bad + s))));
    }

    private static <T> Arbitrary<T> mix(List<Tuple2<Integer, Arbitrary<T>>> weighted) {
        return Arbitraries.frequencyOf(weighted);
    }

    private static <T> Tuple2<Integer, Arbitrary<T>> weighted(int weight, Arbitrary<? extends T> a) {
        Arbitrary<T> widened = a.map(x -> x);
        return Tuple.of(weight, widened);
    }
}
