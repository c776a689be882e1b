package org.logitlab.web.robust;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON as text, loosely: a tree whose leaves are raw text, so that it can hold what no JSON library writes
 * ({@code NaN}, duplicated keys, unquoted garbage) and be mutated in place by the fuzz generators.
 */
final class JsonText {
    private JsonText() {
    }

    sealed interface Node permits Raw, Arr, Obj {
        String render();
    }

    /** A leaf written as is: {@code 3}, {@code "x1"}, {@code NaN}, or anything else. */
    record Raw(String text) implements Node {
        @Override
        public String render() {
            return text;
        }
    }

    record Arr(List<Node> items) implements Node {
        @Override
        public String render() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append(items.get(i).render());
            }
            return out.append(']').toString();
        }
    }

    /** An object whose entries keep their order and may repeat a key. */
    record Obj(List<Entry> entries) implements Node {
        @Override
        public String render() {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                out.append(i == 0 ? "" : ",").append(quote(e.key())).append(':').append(e.value().render());
            }
            return out.append('}').toString();
        }
    }

    record Entry(String key, Node value) {
    }

    static Raw num(Object n) {
        return new Raw(String.valueOf(n));
    }

    static Raw str(String s) {
        return new Raw(quote(s));
    }

    static Arr arr(Node... items) {
        return new Arr(List.of(items));
    }

    static Arr strings(String... items) {
        return new Arr(java.util.Arrays.stream(items).map(JsonText::str).map(Node.class::cast).toList());
    }

    /** An object from key, value, key, value, ... */
    static Obj obj(Object... keysAndValues) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(new Entry((String) keysAndValues[i], (Node) keysAndValues[i + 1]));
        }
        return new Obj(entries);
    }

    /** Every object in the tree, outermost first. */
    static List<Obj> objects(Node root) {
        List<Obj> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<Obj> out) {
        if (node instanceof Obj o) {
            out.add(o);
            o.entries().forEach(e -> collect(e.value(), out));
        } else if (node instanceof Arr a) {
            a.items().forEach(i -> collect(i, out));
        }
    }

    /** A deep copy whose lists can be changed. */
    static Node mutableCopy(Node node) {
        if (node instanceof Obj o) {
            List<Entry> entries = new ArrayList<>();
            o.entries().forEach(e -> entries.add(new Entry(e.key(), mutableCopy(e.value()))));
            return new Obj(entries);
        }
        if (node instanceof Arr a) {
            List<Node> items = new ArrayList<>();
            a.items().forEach(i -> items.add(mutableCopy(i)));
            return new Arr(items);
        }
        return node;
    }

    /** A JSON string literal; lone surrogates and control characters are escaped like any other character. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
