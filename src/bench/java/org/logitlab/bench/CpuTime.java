package org.logitlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of the JMH figures that a shared, busy machine cannot spoil as easily: the same workloads
 * measured in <em>thread CPU time</em> (time this thread actually ran, not time it waited for a core), with the
 * workloads of one group interleaved round by round so that whatever else the machine does falls on all alike.
 * Ratios are the median of the per-round ratios.
 *
 * <p>Usage: {@code CpuTime core|render|page [out.md]}, or {@code CpuTime all <dir>} to run each group in a JVM of
 * its own (so one group's code does not shape the JIT's view of another's), writing {@code <dir>/cpu-<group>.md}.
 */
public final class CpuTime {
    static final int ROUNDS = 15;
    static final long SLICE_NANOS = 60_000_000;
    static final long WARMUP_NANOS = 1_000_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Blackhole SINK = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private CpuTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("all")) {
            for (String group : new String[] {"core", "render", "page"}) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms1g", "-Xmx1g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                        CpuTime.class.getName(), group, Path.of(args[1], "cpu-" + group + ".md").toString())
                        .inheritIO().start();
                if (child.waitFor() != 0) {
                    throw new IllegalStateException("CpuTime " + group + " failed");
                }
            }
            return;
        }
        StringBuilder out = new StringBuilder();
        switch (args[0]) {
            case "core" -> core(out);
            case "render" -> render(out);
            case "page" -> page(out);
            default -> throw new IllegalArgumentException("core, render or page");
        }
        System.out.print(out);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), out);
        }
    }

    private static void core(StringBuilder out) {
        out.append("### Core step in thread CPU time, interleaved (median µs; ratios: median of per-round ratios)\n\n")
                .append("| N·K·d | core µs | StrictMath µs | Math µs | core ns/(N·K·d) | core ÷ StrictMath"
                        + " | core ÷ Math | StrictMath ÷ Math |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String shape : new String[] {"100x5x7", "1000x5x7", "10000x5x7", "100000x5x7", "10000x2x7",
            "10000x8x7", "10000x5x2"}) {
            Map<String, Supplier<Object>> tasks = new LinkedHashMap<>();
            for (String variant : new String[] {"core", "plainStrictMath", "plainMath"}) {
                CoreStepBench.Problem p = new CoreStepBench.Problem();
                p.shape = shape;
                p.variant = variant;
                p.setUp();
                CoreStepBench bench = new CoreStepBench();
                tasks.put(variant, () -> bench.step(p));
            }
            double[][] t = measure(tasks);
            String[] dims = shape.split("x");
            double work = Double.parseDouble(dims[0]) * Double.parseDouble(dims[1]) * Double.parseDouble(dims[2]);
            out.append("| ").append(shape).append(" | ").append(us(median(t[0]))).append(" | ")
                    .append(us(median(t[1]))).append(" | ").append(us(median(t[2]))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", median(t[0]) / work)).append(" | ")
                    .append(ratio(t[0], t[1])).append(" | ").append(ratio(t[0], t[2])).append(" | ")
                    .append(ratio(t[1], t[2])).append(" |\n");
        }
        out.append('\n');
    }

    private static void render(StringBuilder out) {
        RenderBench bench = new RenderBench();
        RenderBench.Curved curved = new RenderBench.Curved();
        curved.setUp();
        RenderBench.Straight straight = new RenderBench.Straight();
        straight.setUp();
        Map<String, Supplier<Object>> tasks = new LinkedHashMap<>();
        tasks.put("fieldCompute (100×100, K = 5, d = 7)", () -> bench.fieldCompute(curved));
        tasks.put("encodeOurs (palette PngEncoder)", () -> bench.encodeOurs(curved));
        tasks.put("encodeTruecolour", () -> bench.encodeTruecolour(curved));
        tasks.put("encodeImageIo", () -> bench.encodeImageIo(curved));
        tasks.put("encodeUpFilter", () -> bench.encodeUpFilter(curved));
        tasks.put("fieldDataUri (PNG + base64)", () -> bench.fieldDataUri(curved));
        tasks.put("boundariesTraced (d = 7)", () -> bench.boundariesTraced(curved));
        tasks.put("boundariesStraight (d = 2)", () -> bench.boundariesStraight(straight));
        for (int k : new int[] {2, 5, 8}) {
            RenderBench.ByClasses byK = new RenderBench.ByClasses();
            byK.k = k;
            byK.setUp();
            tasks.put("frame K = " + k + " (field + data URI + traced boundaries)", () -> bench.frame(byK));
        }
        RenderBench.Surface surface = new RenderBench.Surface();
        surface.setUp();
        tasks.put("landscape 41×41, N = 1000, K = 5, d = 7 (J, PNG, contours, path)", () -> bench.landscape(surface));
        for (int cells : new int[] {50, 100, 200}) {
            RenderBench.ByCells byCells = new RenderBench.ByCells();
            byCells.cells = cells;
            byCells.setUp();
            tasks.put("field + data URI, " + cells + "×" + cells, () -> bench.fieldImageByCells(byCells));
        }
        table(out, "Rendering in thread CPU time, interleaved", tasks, measure(tasks));
    }

    private static void page(StringBuilder out) throws IOException {
        StepResponseBench bench = new StepResponseBench();
        Map<String, Supplier<Object>> tasks = new LinkedHashMap<>();
        List<StepResponseBench.Page> pages = new ArrayList<>();
        for (String variant : new String[] {"linear", "curved", "custom"}) {
            StepResponseBench.Page p = new StepResponseBench.Page();
            p.variant = variant;
            p.setUp();
            p.freshRun();
            pages.add(p);
            tasks.put("stepResponse " + variant, () -> bench.stepResponse(p));
            tasks.put("modelOnly " + variant, () -> bench.modelOnly(p));
            tasks.put("renderOnly " + variant, () -> bench.renderOnly(p));
        }
        table(out, "Step response in thread CPU time, interleaved (runs of 1000 points, K = 5)", tasks,
                measure(tasks));
        for (StepResponseBench.Page p : pages) {
            p.tearDown();
        }
    }

    private static void table(StringBuilder out, String title, Map<String, Supplier<Object>> tasks, double[][] t) {
        out.append("### ").append(title).append(" (µs per call)\n\n| workload | median µs | fastest µs |\n"
                + "|---|---:|---:|\n");
        int i = 0;
        for (String name : tasks.keySet()) {
            out.append("| ").append(name).append(" | ").append(us(median(t[i]))).append(" | ")
                    .append(us(Arrays.stream(t[i]).min().orElseThrow())).append(" |\n");
            i++;
        }
        out.append('\n');
    }

    /** CPU ns per call of each task in each round, tasks interleaved within a round. */
    private static double[][] measure(Map<String, Supplier<Object>> tasks) {
        List<Supplier<Object>> list = new ArrayList<>(tasks.values());
        int[] calls = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            long start = cpu();
            int n = 0;
            while (cpu() - start < WARMUP_NANOS || n < 3) {
                SINK.consume(list.get(i).get());
                n++;
            }
            calls[i] = Math.max(1, (int) (n * SLICE_NANOS / (double) (cpu() - start)));
        }
        double[][] perCall = new double[list.size()][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < list.size(); i++) {
                long start = cpu();
                for (int c = 0; c < calls[i]; c++) {
                    SINK.consume(list.get(i).get());
                }
                perCall[i][r] = (cpu() - start) / (double) calls[i];
            }
        }
        return perCall;
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return String.format(Locale.ROOT, "%.2f×", median(r));
    }

    private static String us(double nanos) {
        double v = nanos / 1000;
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
