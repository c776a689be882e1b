package org.logitlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;

import org.logitlab.web.LogitLabApp;
import org.logitlab.web.Settings;

/**
 * Updates painted per second in play and click-to-paint of one step, in a real headless Chromium driven over the
 * DevTools protocol with only the Page and Runtime domains — no test driver's network instrumentation in the loop.
 *
 * <p>Method: the server is warmed (400 htmx steps). In the page, a MutationObserver sees each new step counter and
 * records the time of the next animation frame, when the update is painted. Click-to-paint starts the clock in the
 * click's own task, on an idle page (after {@code requestIdleCallback}: what the last click left to do after its
 * paint, such as drawing the charts, is done, as it is by the time a person clicks again), and stops it at that
 * paint (21 clicks, the first dropped). "Instant" repeats the clicks with the counter changed in the click's own
 * task instead of a step: what a page that computed the step itself would read, Chromium's wait for its next frame,
 * the least this measurement can show on that page. The idle callback runs at one point of the frame, which
 * depends on what the page did after its last paint (a chart drawn after it takes a frame of its own, and the
 * click then starts just after that frame); so "spread" repeats the clicks, real and instant, with the clock started
 * at 20 phases spread over the frame (0 to 15 ms after an animation frame's callback), as clicks that come at any
 * moment are. What every column times is the start of the animation frame that carries the change; Chromium
 * evidently starts one soon after a change when none is in progress (spread clicks whose answer comes 7 ms after the
 * click read about 10 ms, which a fixed 60 Hz schedule would not allow), and a screen shows it at its next refresh,
 * which is not measured. Play runs {@code --seconds}, the first second dropped; "instant play" then changes the
 * counter in every animation frame for as long, with no server, the page's ceiling at that moment. Every variant
 * (server × features) is measured once per round, the variants alternating, and the medians over rounds are
 * reported; within a variant the four kinds of click always run in the same order.
 *
 * <pre>
 * mvn -q -Pbench compile exec:exec@browser-speed                       # this build, in-process server
 * mvn -q -Pbench compile exec:exec@browser-speed -Dbrowser.args="--url old=http://localhost:7071 --url new=http://localhost:7072"
 * mvn -q -Pbench compile exec:exec@browser-speed -Dbrowser.args="--pages playground --url all=http://localhost:7070
 *     --url no-charts=http://localhost:7070?hide=charts"    # page parameters after '?' are added to every page
 * </pre>
 */
public final class BrowserSpeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FEATURES = List.of("x1,x2", "x1,x2,x1%5E2,x2%5E2,x1*x2,sin(x1),sin(x2)");
    private static final String OBSERVE = """
            window.__paints = [];
            new MutationObserver(() => {
              const counter = document.querySelector('[data-testid=step-count]');
              if (!counter || counter.textContent === window.__lastStep) return;
              window.__lastStep = counter.textContent;
              requestAnimationFrame(() => window.__paints.push(performance.now()));
            }).observe(document.body, {childList: true, subtree: true, characterData: true});
            window.__lastStep = document.querySelector('[data-testid=step-count]').textContent;
            true""";
    /**
     * One click on an idle page (what the last click left to do, such as drawing the charts, is done first); with
     * {@code instant}, the counter is changed in the click's own task instead, as a page that computes the step
     * itself would: the least this measurement can read on this page, the wait for Chromium's next frame. A phase
     * of 0 or more starts the click that many ms after an animation frame's callback on the idle page
     * instead of at once: a person's click comes at any point of the frame, not only where the idle callback runs.
     */
    private static final String CLICK = """
            new Promise(done => requestIdleCallback(() => {
              const click = () => {
                const before = window.__paints.length;
                const t0 = performance.now();
                if (%s) {
                  const counter = document.querySelector('[data-testid=step-count]');
                  counter.textContent = counter.textContent + ' ';
                } else {
                  document.querySelector('[data-testid=step]').click();
                }
                const wait = () => window.__paints.length > before ? done(window.__paints[before] - t0)
                    : setTimeout(wait, 1);
                wait();
              };
              const phase = %s;
              if (phase < 0) click();
              else requestAnimationFrame(() => setTimeout(click, phase));
            }, {timeout: 1000}))""";
    /** A display's frame, in ms: the spread clicks start at {@link #CLICKS} phases spread over it. */
    private static final double FRAME_MS = 1000.0 / 60;
    private static final int CLICKS = 20;
    private static final String PLAY = """
            new Promise(done => {
              window.__paints = [];
              const play = document.querySelector('[data-testid=play]');
              play.click();
              setTimeout(() => { play.click(); setTimeout(() => done(window.__paints), 500); }, %d);
            })""";
    /**
     * Play with no server and no update: the step counter changed in every animation frame, as play applies an
     * answer in one, read by the same observer. The most this page can paint on this machine at that moment: the
     * ceiling the play column is read against.
     */
    private static final String PLAY_INSTANT = """
            new Promise(done => {
              window.__paints = [];
              const counter = document.querySelector('[data-testid=step-count]');
              const text = counter.textContent;
              const end = performance.now() + %d;
              let odd = false;
              const frame = () => {
                odd = !odd;
                counter.textContent = odd ? text + ' ' : text;
                if (performance.now() < end) requestAnimationFrame(frame);
                else setTimeout(() => done(window.__paints), 500);
              };
              requestAnimationFrame(frame);
            })""";

    private BrowserSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> bases = new LinkedHashMap<>();
        int seconds = 6;
        int rounds = 3;
        // The playground, and the comparison of two runs of the same size (its step moves both).
        List<String> pages = List.of("playground", "compare");
        Path out = Path.of("target", "bench", "browser-speed.txt");
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--url" -> {
                    String[] kv = args[++a].split("=", 2);
                    bases.put(kv[0], kv[1]);
                }
                case "--seconds" -> seconds = Integer.parseInt(args[++a]);
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--out" -> out = Path.of(args[++a]);
                case "--pages" -> pages = List.of(args[++a].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[a]);
            }
        }
        Javalin app = null;
        Path data = Files.createTempDirectory("logitlab-browser-speed");
        if (bases.isEmpty()) {
            app = LogitLabApp.create(Settings.forTests(data)).start(0);
            bases.put("this build", "http://localhost:" + app.port());
        }
        bases.values().stream().map(b -> b.split("\\?")[0]).distinct().forEach(BrowserSpeed::warmUp);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> instantRates = new LinkedHashMap<>();
        Map<String, List<Double>> clicks = new LinkedHashMap<>();
        Map<String, List<Double>> instants = new LinkedHashMap<>();
        Map<String, List<Double>> spreads = new LinkedHashMap<>();
        Map<String, List<Double>> spreadInstants = new LinkedHashMap<>();
        try (Chromium chromium = Chromium.start(1280, 720)) {
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, String> base : bases.entrySet()) {
                    for (List<String> measured : measured(pages)) {
                        String page = measured.get(0);
                        String features = measured.get(1);
                        String key = base.getKey() + " | " + page + " | " + features.replace("%5E", "^");
                        String run = "dataset=blobs&n=1000&classes=5&learningRate=0.01&features=" + features;
                        // A base may carry page parameters after '?' (hide=charts, landscape=auto) to measure them.
                        String[] at = base.getValue().split("\\?", 2);
                        String extra = at.length == 2 ? "&" + at[1] : "";
                        chromium.open(at[0] + (page.equals("compare") ? "/compare?a="
                                + URLEncoder.encode(run, StandardCharsets.UTF_8) + "&b=" + URLEncoder.encode(
                                run.replace("learningRate=0.01", "learningRate=0.05"), StandardCharsets.UTF_8)
                                : "/?" + run) + extra);
                        chromium.evaluate(OBSERVE);
                        clicks.computeIfAbsent(key, k -> new ArrayList<>()).add(clicks(chromium, false, false));
                        instants.computeIfAbsent(key, k -> new ArrayList<>()).add(clicks(chromium, true, false));
                        spreads.computeIfAbsent(key, k -> new ArrayList<>()).add(clicks(chromium, false, true));
                        spreadInstants.computeIfAbsent(key, k -> new ArrayList<>()).add(clicks(chromium, true, true));
                        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(
                                rate(chromium.evaluate(PLAY.formatted(seconds * 1000))));
                        instantRates.computeIfAbsent(key, k -> new ArrayList<>()).add(
                                rate(chromium.evaluate(PLAY_INSTANT.formatted(seconds * 1000))));
                        System.out.printf("round %d %-62s play %.1f/s (instant %.1f/s) click %.1f ms instant %.1f ms"
                                + " spread %.1f ms spread instant %.1f ms%n", round + 1, key, last(rates.get(key)),
                                last(instantRates.get(key)),
                                last(clicks.get(key)), last(instants.get(key)), last(spreads.get(key)),
                                last(spreadInstants.get(key)));
                    }
                }
            }
        } finally {
            if (app != null) {
                app.stop();
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Browser speed: headless Chromium 1280x720 over CDP, N = 1000, K = 5; medians over " + rounds
                + " alternating rounds");
        lines.add(String.format("%-62s %18s %18s %22s %12s %12s %16s", "server | page | features",
                "play updates/s", "instant play/s", "click-to-paint ms", "instant ms", "spread ms", "spread instant"));
        for (String key : rates.keySet()) {
            lines.add(String.format("%-62s %18.1f %18.1f %22.1f %12.1f %12.1f %16.1f", key, median(rates.get(key)),
                    median(instantRates.get(key)),
                    median(clicks.get(key)), median(instants.get(key)), median(spreads.get(key)),
                    median(spreadInstants.get(key))));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /**
     * The median of 20 clicks (21, the first dropped) on the open page; see {@link #CLICK}. With {@code spread}, click
     * i is started i/20 of a frame after an animation frame's callback, as clicks that come at any moment are; as
     * {@code setTimeout} takes whole milliseconds, the phases are in fact 0, 0, 1, 2, 3, 4, 5, 5, … 14, 15, 15 ms.
     */
    private static double clicks(Chromium chromium, boolean instant, boolean spread) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i <= CLICKS; i++) {
            double phase = spread ? Math.max(0, i - 1) * FRAME_MS / CLICKS : -1;
            double ms = chromium.evaluate(CLICK.formatted(instant, String.format(Locale.ROOT, "%.2f", phase)))
                    .asDouble();
            if (i > 0) {
                latencies.add(ms);
            }
        }
        return median(latencies);
    }

    /** Every page with every feature set: [page, features]. */
    private static List<List<String>> measured(List<String> pages) {
        List<List<String>> out = new ArrayList<>();
        for (String page : pages) {
            for (String features : FEATURES) {
                out.add(List.of(page, features));
            }
        }
        return out;
    }

    /** Updates painted per second, the first second dropped. */
    private static double rate(JsonNode paints) {
        List<Double> times = new ArrayList<>();
        paints.forEach(p -> times.add(p.asDouble()));
        if (times.size() < 3) {
            return 0;
        }
        double start = times.get(0) + 1000;
        List<Double> steady = times.stream().filter(t -> t >= start).toList();
        return steady.size() < 2 ? 0 : (steady.size() - 1) / ((steady.get(steady.size() - 1) - steady.get(0)) / 1000);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    /** 400 htmx steps, so that the server's step path is compiled as on a server in use. */
    private static void warmUp(String base) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/?dataset=blobs&n=1000&classes=5"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher run = Pattern.compile("name=\"run\" value=\"([0-9a-f]+)\"").matcher(page);
            if (!run.find()) {
                throw new IllegalStateException("no run on the page at " + base);
            }
            for (int i = 0; i < 400; i++) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/lab/step")).header("HX-Request", "true")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("run=" + run.group(1) + "&count=1")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Debian's Chromium, headless, driven over its DevTools WebSocket: Page.navigate and Runtime.evaluate only. */
    static final class Chromium implements AutoCloseable {
        private final Process process;
        private final Path profile;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

        private Chromium(Process process, Path profile, WebSocket socket) {
            this.process = process;
            this.profile = profile;
            this.socket = socket;
        }

        static Chromium start(int width, int height) throws Exception {
            Path profile = Files.createTempDirectory("logitlab-chromium");
            Process process = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "about:blank").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Chromium did not open its DevTools port");
                }
                Thread.sleep(50);
            }
            String port = Files.readAllLines(portFile).get(0).trim();
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    page = t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium has no page target");
            }
            Chromium[] self = new Chromium[1];
            StringBuilder frame = new StringBuilder();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    frame.append(data);
                    if (last) {
                        self[0].receive(frame.toString());
                        frame.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new Chromium(process, profile, socket);
            return self[0];
        }

        private void receive(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                CompletableFuture<JsonNode> f = message.has("id") ? waiting.remove(message.get("id").asInt()) : null;
                if (f != null) {
                    f.complete(message);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            waiting.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", params);
            socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(120, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.get("result");
        }

        /** The value of a JavaScript expression in the page (awaited when it is a promise). */
        JsonNode evaluate(String expression) throws Exception {
            JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                    .put("awaitPromise", true).put("returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** Navigates and waits until the page's scripts have loaded. */
        void open(String url) throws Exception {
            call("Page.navigate", JSON.createObjectNode().put("url", url));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!evaluate("document.readyState === 'complete' && !!window.htmx && !!window.Chart"
                    + " && !!document.querySelector('[data-testid=step-count]')").asBoolean(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the page did not load: " + url);
                }
                Thread.sleep(20);
            }
            Thread.sleep(300); // let the play stream's socket open, as a person's first click would find it
        }

        @Override
        public void close() throws IOException {
            socket.abort();
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            // Chromium's helper processes can still write to the profile for a moment after the browser exits, and a
            // file that vanishes mid-walk fails the walk: try again a few times, and never lose the figures for it.
            for (int attempt = 1; ; attempt++) {
                try {
                    Fixtures.deleteTree(profile);
                    return;
                } catch (UncheckedIOException e) {
                    if (attempt == 5) {
                        System.err.println("left the browser profile " + profile + ": " + e.getMessage());
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
