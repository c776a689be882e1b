package org.logitlab.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;

import org.logitlab.core.FeatureMap;
import org.logitlab.render.ConfidenceField;

/**
 * Turns JMH's JSON results into the Markdown tables of BENCHMARKS.md, with the derived figures (ns per
 * point·class·feature, ratios to the plain loops), adds the encoded sizes of one confidence field, and appends
 * the {@link CpuTime} tables found beside the JSON.
 *
 * <p>Usage: {@code Report <jmh-result.json> [<out.md>]}; prints the tables and, given a second path, writes them.
 */
public final class Report {
    private final StringBuilder out = new StringBuilder();
    private final Map<String, JsonNode> results = new LinkedHashMap<>();

    private Report(JsonNode json) {
        for (JsonNode r : json) {
            String name = r.get("benchmark").asText().replace("org.logitlab.bench.", "");
            StringBuilder key = new StringBuilder(name);
            r.path("params").fields().forEachRemaining(e -> key.append(' ').append(e.getKey()).append('=')
                    .append(e.getValue().asText()));
            results.put(key.toString(), r);
        }
    }

    public static void main(String[] args) throws IOException {
        Report report = new Report(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        report.core();
        report.trainingRun();
        report.render();
        report.sizes();
        report.page();
        report.cpuTime(Path.of(args[0]).toAbsolutePath().getParent());
        report.everything();
        System.out.print(report.out);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), report.out);
        }
    }

    private void core() {
        line("### Core: one batch GD step, median µs per step (fastest iteration in brackets)");
        line("");
        line("| N | K | d | core | plain StrictMath | plain Math | core ns/(N·K·d) | StrictMath ns/(N·K·d)"
                + " | Math ns/(N·K·d) | core ÷ StrictMath | core ÷ Math | StrictMath ÷ Math |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String key : keys("CoreStepBench.step ")) {
            if (!key.endsWith(" variant=core")) {
                continue;
            }
            String shape = key.substring(key.indexOf("shape=") + 6, key.indexOf(" variant="));
            String[] p = shape.split("x");
            double work = Double.parseDouble(p[0]) * Double.parseDouble(p[1]) * Double.parseDouble(p[2]);
            JsonNode core = results.get(key);
            JsonNode strict = results.get("CoreStepBench.step shape=" + shape + " variant=plainStrictMath");
            JsonNode fast = results.get("CoreStepBench.step shape=" + shape + " variant=plainMath");
            line("| " + p[0] + " | " + p[1] + " | " + p[2] + " | " + medianMin(core) + " | " + medianMin(strict)
                    + " | " + medianMin(fast) + " | " + perWork(core, work) + " | " + perWork(strict, work) + " | "
                    + perWork(fast, work) + " | " + ratio(core, strict) + " | " + ratio(core, fast) + " | "
                    + ratio(strict, fast) + " |");
        }
        line("");
    }

    private void trainingRun() {
        List<String> keys = keys("TrainingRunStepBench.step ");
        if (keys.isEmpty()) {
            return;
        }
        line("### TrainingRun.step(1), K = 5, d = 7, batch GD, no test split");
        line("");
        line("| N | median µs per step (fastest) | mean ± error | ns/(N·K·d) | ÷ core step at same N |");
        line("|---:|---:|---:|---:|---:|");
        for (String key : keys) {
            int n = Integer.parseInt(key.substring(key.indexOf("n=") + 2));
            JsonNode r = results.get(key);
            JsonNode core = results.get("CoreStepBench.step shape=" + n + "x5x7 variant=core");
            line("| " + n + " | " + medianMin(r) + " | " + withError(r) + " | " + perWork(r, n * 35.0) + " | "
                    + (core == null ? "–" : ratio(r, core)) + " |");
        }
        line("");
    }

    private void render() {
        line("### Rendering (K = 5, 7 features unless stated; µs)");
        line("");
        line("| benchmark | params | median µs | fastest µs | mean µs ± error |");
        line("|---|---|---:|---:|---:|");
        for (String key : keys("RenderBench.")) {
            row(key);
        }
        line("");
    }

    private void page() {
        line("### Step response (µs)");
        line("");
        line("| benchmark | params | median µs | fastest µs | mean µs ± error |");
        line("|---|---|---:|---:|---:|");
        for (String key : keys("StepResponseBench.")) {
            row(key);
        }
        for (String key : keys("HttpStepBench.")) {
            row(key);
        }
        line("");
    }

    /** Sizes do not need timing: one field, each encoding, bytes and base64 characters. */
    private void sizes() {
        line("### PNG size of one 100×100 confidence field");
        line("");
        line("| picture | distinct colours (unquantized) | palette PNG (app) | largest channel error of the palette"
                + " | truecolour, None, level 1 | same at level 6 | truecolour, Up, level 1 | ImageIO"
                + " | data URI chars (app) |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        sizeRow("K = 5, 7 features", 5, Fixtures.ALL_FEATURES);
        sizeRow("K = 5, x1, x2", 5, FeatureMap.LINEAR);
        sizeRow("K = 8, 7 features", 8, Fixtures.ALL_FEATURES);
        line("");
    }

    private void sizeRow(String label, int classes, FeatureMap features) {
        RenderBench.Picture p = new RenderBench.Picture();
        p.build(classes, features);
        int c = ConfidenceField.DEFAULT_CELLS;
        byte[] ours = p.field.png();
        byte[] imageIo = PngVariants.imageIo(c, c, p.rgb);
        byte[] up = PngVariants.truecolour(c, c, p.rgb, true, 1);
        byte[] none = PngVariants.truecolour(c, c, p.rgb, false, 1);
        if (largestError(none, p.rgb) != 0 || largestError(imageIo, p.rgb) != 0 || largestError(up, p.rgb) != 0) {
            throw new IllegalStateException("an encoder changed the pixels");
        }
        line("| " + label + " | " + PngVariants.distinctColours(p.rgb) + " | " + ours.length + " | "
                + largestError(ours, p.rgb) + " | " + none.length + " | "
                + PngVariants.truecolour(c, c, p.rgb, false, 6).length + " | " + up.length + " | " + imageIo.length
                + " | " + p.field.dataUri().length() + " |");
    }

    /** The largest difference in any channel between the decoded PNG and the pixels it was made from. */
    private static int largestError(byte[] png, int[] rgb) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int width = image.getWidth();
            int worst = 0;
            for (int i = 0; i < rgb.length; i++) {
                int a = image.getRGB(i % width, i / width);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((a >>> shift & 0xFF) - (rgb[i] >>> shift & 0xFF)));
                }
            }
            return worst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The thread-CPU-time cross-check ({@link CpuTime}), when it has been run into the same folder. */
    private void cpuTime(Path folder) throws IOException {
        for (String group : new String[] {"core", "render", "page"}) {
            Path file = folder.resolve("cpu-" + group + ".md");
            if (Files.exists(file)) {
                out.append(Files.readString(file));
            }
        }
    }

    private void everything() {
        line("### All results as JMH reported them");
        line("");
        line("| benchmark | params | median µs | fastest µs | mean µs ± error |");
        line("|---|---|---:|---:|---:|");
        for (String key : results.keySet()) {
            row(key);
        }
        line("");
    }

    private void row(String key) {
        JsonNode r = results.get(key);
        int space = key.indexOf(' ');
        String name = space < 0 ? key : key.substring(0, space);
        String params = space < 0 ? "" : key.substring(space + 1);
        line("| " + name + " | " + params + " | " + fmt(median(r)) + " | " + fmt(min(r)) + " | " + withError(r) + " |");
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String k : results.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static String withError(JsonNode r) {
        if (r == null) {
            return "–";
        }
        JsonNode m = r.get("primaryMetric");
        return fmt(m.get("score").asDouble()) + " ± " + fmt(m.get("scoreError").asDouble());
    }

    private static String medianMin(JsonNode r) {
        return r == null ? "–" : fmt(median(r)) + " (" + fmt(min(r)) + ")";
    }

    /** From the median; the ratio of the fastest iterations in brackets. */
    private static String perWork(JsonNode r, double work) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f (%.2f)", median(r) * 1000 / work,
                min(r) * 1000 / work);
    }

    private static String ratio(JsonNode a, JsonNode b) {
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f× (%.2f×)", median(a) / median(b),
                min(a) / min(b));
    }

    /** The median of the measured iterations: the shared machine's other load makes means unreliable. */
    private static double median(JsonNode r) {
        return r.get("primaryMetric").get("scorePercentiles").get("50.0").asDouble();
    }

    /** The fastest measured iteration: the least disturbed by other processes. */
    private static double min(JsonNode r) {
        return r.get("primaryMetric").get("scorePercentiles").get("0.0").asDouble();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
