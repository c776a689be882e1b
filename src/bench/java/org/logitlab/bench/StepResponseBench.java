package org.logitlab.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Optimizer;
import org.logitlab.core.Parameterization;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.data.DatasetSpec;
import org.logitlab.web.page.PageBench;
import org.logitlab.web.page.Templates;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.PointStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The htmx step response without HTTP: what the page does for {@code POST /lab/step} — one step, the state read
 * with its chart rows and permalink, the views of the step fragments, and Thymeleaf rendering them — and its two
 * halves alone.
 *
 * <p>Runs of 1000 points, K = 5: the brief's {@code /?dataset=blobs&n=1000&classes=5} (features x1, x2: straight
 * boundaries), the same with all 7 features (traced boundaries), and 1000 custom points (the permalink carries
 * the points).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StepResponseBench {
    static final String QUERY = "dataset=blobs&n=1000&classes=5";
    static final String CURVED = QUERY + "&learningRate=0.002&features="
            + URLEncoder.encode("x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)", StandardCharsets.UTF_8);

    /** A run as the page holds it, plus the renderer and permalink writer the app would use. */
    @State(Scope.Benchmark)
    public static class Page {
        @Param({"linear", "curved", "custom"})
        public String variant;

        Path dataDirectory;
        Templates templates;
        Permalink permalink;
        RunConfig config;
        TrainingRun run;
        RunSnapshot fixed;
        Map<String, Object> fixedModel;

        @Setup
        public void setUp() throws IOException {
            dataDirectory = Files.createTempDirectory("logitlab-bench");
            templates = new Templates();
            permalink = new Permalink(new PointStore(dataDirectory, PointStore.Quota.DEFAULT));
            config = switch (variant) {
                case "linear" -> permalink.read(Permalink.parseQuery(QUERY)).config();
                case "curved" -> permalink.read(Permalink.parseQuery(CURVED)).config();
                case "custom" -> RunConfig.of(DatasetSpec.custom(Fixtures.customPoints(1000, 5)), 5,
                        Parameterization.SOFTMAX, FeatureMap.LINEAR, Optimizer.BATCH, 32,
                        new Hyperparameters(0.1, 0), 0.0, 1, new Init.Zeros());
                default -> throw new IllegalArgumentException(variant);
            };
            TrainingRun trained = new TrainingRun(config);
            fixed = trained.step(100);
            fixedModel = PageBench.stepModel("bench", trained, fixed, permalink, fixed.step() - 1);
            run = trained;
        }

        /** A fresh run each iteration: the history the response copies stays the length of a short lesson. */
        @Setup(Level.Iteration)
        public void freshRun() {
            run = new TrainingRun(config);
        }

        @TearDown
        public void tearDown() {
            Fixtures.deleteTree(dataDirectory);
        }
    }

    /** The whole step response for htmx: step, permalink, model, every step fragment. */
    @Benchmark
    public int stepResponse(Page p) {
        return respond(p, false);
    }

    /**
     * The play stream's first message when the gradient table comes in a second one: step, model and rendering of
     * every step fragment but the table.
     */
    @Benchmark
    public int streamFirst(Page p) {
        return respond(p, true);
    }

    private static int respond(Page p, boolean first) {
        RunSnapshot before = p.run.snapshot();
        RunSnapshot after = p.run.step(1);
        Map<String, Object> model = first
                ? PageBench.firstModel("bench", p.run, after, p.permalink, before.step())
                : PageBench.stepModel("bench", p.run, after, p.permalink, before.step());
        return p.templates.render("lab", first ? PageBench.FIRST_FRAGMENTS : PageBench.STEP_FRAGMENTS,
                Locale.ENGLISH, model).length();
    }

    /** The views at a fixed step (no stepping): field, boundaries, rings, tables, JSON. */
    @Benchmark
    public Map<String, Object> modelOnly(Page p) {
        return PageBench.stepModel("bench", p.run, p.fixed, p.permalink, p.fixed.step() - 1);
    }

    /** Thymeleaf alone, on a precomputed model. */
    @Benchmark
    public String renderOnly(Page p) {
        return p.templates.render("lab", PageBench.STEP_FRAGMENTS, Locale.ENGLISH, p.fixedModel);
    }

    /** One step fragment of {@link #renderOnly} at a time, to see which costs what. */
    @State(Scope.Benchmark)
    public static class OneFragment {
        @Param({"runref", "languages", "transport", "plot-under", "plot-over", "metrics", "chart-feed", "gradients",
                "message"})
        public String fragment;
    }

    /** {@link #renderOnly} for one fragment; e.g. {@code -p fragment=gradients -p variant=curved}. */
    @Benchmark
    public String renderFragment(Page p, OneFragment f) {
        return p.templates.render("lab", Set.of(f.fragment), Locale.ENGLISH, p.fixedModel);
    }

    /** The brief's linear run after 20 000 steps, to show what the response costs late in a long run. */
    @State(Scope.Benchmark)
    public static class LongRun {
        static final int STEPS = 20_000;
        Path dataDirectory;
        Permalink permalink;
        TrainingRun run;
        RunSnapshot at;

        @Setup
        public void setUp() throws IOException {
            dataDirectory = Files.createTempDirectory("logitlab-bench");
            permalink = new Permalink(new PointStore(dataDirectory, PointStore.Quota.DEFAULT));
            run = new TrainingRun(permalink.read(Permalink.parseQuery(QUERY)).config());
            at = run.step(STEPS);
        }

        @TearDown
        public void tearDown() {
            Fixtures.deleteTree(dataDirectory);
        }
    }

    /** {@link #modelOnly} for the linear run, but at step 20 000 instead of 100. */
    @Benchmark
    public Map<String, Object> modelOnlyAfterLongRun(LongRun l) {
        return PageBench.stepModel("bench", l.run, l.at, l.permalink, l.at.step() - 1);
    }
}
