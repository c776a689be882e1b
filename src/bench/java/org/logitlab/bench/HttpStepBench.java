package org.logitlab.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.Javalin;

import org.logitlab.web.LogitLabApp;
import org.logitlab.web.Settings;
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
 * {@code POST /lab/step} with {@code HX-Request: true} against the real app on a loopback port, started in this
 * JVM by the factory {@code Main} uses: the step response as a browser gets it, HTTP included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class HttpStepBench {
    private static final Pattern RUN_ID = Pattern.compile("data-run=\"([0-9a-f]+)\"");

    @State(Scope.Benchmark)
    public static class Server {
        @Param({"linear", "curved"})
        public String variant;

        Path dataDirectory;
        Javalin app;
        HttpClient client;
        URI page;
        HttpRequest step;

        @Setup
        public void start() throws IOException {
            dataDirectory = Files.createTempDirectory("logitlab-bench");
            app = LogitLabApp.create(Settings.forTests(dataDirectory)).start(0);
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String query = variant.equals("linear") ? StepResponseBench.QUERY : StepResponseBench.CURVED;
            page = URI.create("http://127.0.0.1:" + app.port() + "/?" + query);
        }

        /** A new run each iteration (GET the page, read its id), so the history stays short. */
        @Setup(Level.Iteration)
        public void newRun() throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(page).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = RUN_ID.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("GET / gave " + response.statusCode() + " without a data-run id");
            }
            String form = "run=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&count=1";
            step = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/lab/step"))
                    .header("HX-Request", "true")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            HttpResponse<String> first = client.send(step, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200 || !first.body().contains("hx-swap-oob")) {
                throw new IllegalStateException("POST /lab/step gave " + first.statusCode());
            }
        }

        @TearDown
        public void stop() {
            app.stop();
            Fixtures.deleteTree(dataDirectory);
        }
    }

    @Benchmark
    public int postStep(Server s) throws IOException, InterruptedException {
        HttpResponse<String> response = s.client.send(s.step, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /lab/step gave " + response.statusCode());
        }
        return response.body().length();
    }
}
