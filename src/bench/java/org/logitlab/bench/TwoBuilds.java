package org.logitlab.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two builds' {@link StepResponseBench} methods in one JVM, each build in its own class loader, alternated in short
 * slices: on a shared machine whose speed drifts by up to 2× within minutes, separate JMH runs of two builds
 * compare their minutes as much as their code; slices a quarter of a second apart share the machine's state.
 * Each slice times one method on a fresh run for {@code --slice} ms; the first three rounds are warm-up; the order of
 * the builds flips every round; medians and quartiles of the per-slice means are printed.
 *
 * <pre>
 * # in each work tree: the bench classes and the dependency classpath
 * mvn -q -Pbench compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt
 * mvn -q -Pbench exec:exec@two-builds -Dtwo.args="--build before=../old-tree --build now=. --method stepResponse"
 * </pre>
 */
public final class TwoBuilds {
    private record Build(String name, ClassLoader loader, Object bench, Map<String, Object> pages, Method method) {
    }

    private TwoBuilds() {
    }

    public static void main(String[] args) throws Exception {
        String method = "stepResponse";
        int rounds = 23;
        long sliceMs = 250;
        List<String> variants = List.of("linear", "curved");
        Map<String, Path> trees = new LinkedHashMap<>();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--build" -> {
                    String[] kv = args[++a].split("=", 2);
                    trees.put(kv[0], Path.of(kv[1]));
                }
                case "--method" -> method = args[++a];
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--slice" -> sliceMs = Long.parseLong(args[++a]);
                case "--variants" -> variants = List.of(args[++a].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[a]);
            }
        }
        List<Build> builds = new ArrayList<>();
        for (Map.Entry<String, Path> tree : trees.entrySet()) {
            builds.add(load(tree.getKey(), tree.getValue(), method, variants));
        }
        Map<String, List<Double>> slices = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String variant : variants) {
                List<Build> order = new ArrayList<>(builds);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Build b : order) {
                    double micros = slice(b, variant, sliceMs);
                    if (round >= 3) {
                        slices.computeIfAbsent(variant + " " + b.name(), k -> new ArrayList<>()).add(micros);
                    }
                }
            }
        }
        System.out.printf("%s, %d slices of %d ms per build and variant, alternated in one JVM%n", method,
                rounds - 3, sliceMs);
        slices.forEach((key, values) -> {
            Collections.sort(values);
            int n = values.size();
            System.out.printf("%-24s median %8.1f µs   quartiles %8.1f – %8.1f%n", key, values.get(n / 2),
                    values.get(n / 4), values.get(3 * n / 4));
        });
    }

    /** A work tree's bench classes and dependencies in a loader of their own, with one page state per variant. */
    private static Build load(String name, Path tree, String method, List<String> variants) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(tree.resolve("target/bench/classes").toUri().toURL());
        for (String entry : Files.readString(tree.resolve("target/bench/classpath.txt")).strip().split(":")) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        // Thymeleaf finds templates through the context class loader first: each build must find its own.
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> bench = loader.loadClass("org.logitlab.bench.StepResponseBench");
        Class<?> page = loader.loadClass("org.logitlab.bench.StepResponseBench$Page");
        Map<String, Object> pages = new LinkedHashMap<>();
        for (String variant : variants) {
            Object p = page.getConstructor().newInstance();
            page.getField("variant").set(p, variant);
            page.getMethod("setUp").invoke(p);
            pages.put(variant, p);
        }
        return new Build(name, loader, bench.getConstructor().newInstance(), pages, bench.getMethod(method, page));
    }

    /** The mean time of one call, over calls on a fresh run for {@code ms} milliseconds. */
    private static double slice(Build b, String variant, long ms) throws Exception {
        Thread.currentThread().setContextClassLoader(b.loader());
        Object page = b.pages().get(variant);
        page.getClass().getMethod("freshRun").invoke(page);
        long start = System.nanoTime();
        long end = start + ms * 1_000_000L;
        long calls = 0;
        long now;
        do {
            b.method().invoke(b.bench(), page);
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e3 / calls;
    }
}
