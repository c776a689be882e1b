package org.logitlab.web.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.Javalin;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.LogitLabApp;
import org.logitlab.web.Settings;

/**
 * A measurement, not a timed assertion: updates painted per second in play mode and click-to-paint latency of one
 * step, at N = 1000 and K = 5, in a real headless Chromium. Figures go to {@code target/browser-speed.txt}.
 *
 * <p>Method: the server is warmed first (400 htmx steps over HTTP, so the JIT has compiled the step path as it
 * would have on a server in use), then a MutationObserver sees each new step counter swapped in and records the time of the next animation
 * frame (when the update is painted). Play runs for a fixed time; click-to-paint starts the clock in the click
 * handler's own task and stops it at that paint. Medians are quoted.
 */
@Tag("browser")
class BrowserSpeedMeasurementTest {
    @TempDir
    Path dataDir;

    private static final String OBSERVE = """
            window.__paints = [];
            new MutationObserver(() => {
              if (!document.querySelector('#transport')) return;
              const step = document.querySelector('[data-testid=step-count]').textContent;
              if (step === window.__lastStep) return;
              window.__lastStep = step;
              requestAnimationFrame(() => window.__paints.push(performance.now()));
            }).observe(document.querySelector('#lab'), {childList: true, subtree: true});
            window.__lastStep = document.querySelector('[data-testid=step-count]').textContent;
            window.__phases = {sent: [], loaded: [], settled: []};
            document.body.addEventListener('htmx:beforeSend', () => window.__phases.sent.push(performance.now()));
            document.body.addEventListener('htmx:beforeOnLoad', () => window.__phases.loaded.push(performance.now()));
            document.body.addEventListener('htmx:afterRequest', () => window.__phases.settled.push(performance.now()));
            """;

    @Test
    void play_rate_and_click_to_paint_at_a_thousand_points_and_five_classes() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Browser speed (headless Chromium, 1280x720, this machine), N = 1000, K = 5, 100x100 field");
        Javalin app = LogitLabApp.create(Settings.forTests(dataDir)).start(0);
        warmUp(app.port());
        try (Browser browser = Browser.open(1280, 720)) {
            for (String features : List.of("x1,x2", "x1,x2,x1%5E2,x2%5E2,x1*x2,sin(x1),sin(x2)")) {
                browser.driver.get("http://localhost:" + app.port() + "/?dataset=blobs&n=1000&classes=5&features="
                        + features + "&learningRate=0.01");
                browser.waiting().until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                        "return !!window.htmx && !!window.Chart && document.readyState === 'complete'")));
                browser.driver.executeScript(OBSERVE);

                List<Double> latencies = new ArrayList<>();
                for (int i = 0; i < 21; i++) {
                    Object ms = browser.driver.executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            const before = window.__paints.length;
                            const t0 = performance.now();
                            document.querySelector('[data-testid=step]').click();
                            const wait = () => window.__paints.length > before ? done(window.__paints[before] - t0)
                                : setTimeout(wait, 1);
                            wait();
                            """);
                    if (i > 0) { // the first click warms up the JIT and caches
                        latencies.add(((Number) ms).doubleValue());
                    }
                }
                Collections.sort(latencies);

                browser.driver.executeScript("window.__paints = []; window.__phases = {sent: [], loaded: [], settled: []};");
                browser.driver.executeCdpCommand("Performance.enable", Map.of());
                Map<String, Double> before = mainThread(browser);
                browser.driver.executeScript("document.querySelector('[data-testid=play]').click();");
                sleep(6000);
                browser.driver.executeScript("document.querySelector('[data-testid=play]').click();");
                Map<String, Double> after = mainThread(browser);
                @SuppressWarnings("unchecked")
                List<Number> paints = (List<Number>) browser.driver.executeScript("return window.__paints;");
                // Skip the first second (warm-up), count updates painted over the rest.
                double start = paints.get(0).doubleValue() + 1000;
                List<Double> steady = paints.stream().map(Number::doubleValue).filter(t -> t >= start).toList();
                double perSecond = (steady.size() - 1) / ((steady.get(steady.size() - 1) - steady.get(0)) / 1000);
                List<Double> gaps = new ArrayList<>();
                for (int i = 1; i < steady.size(); i++) {
                    gaps.add(steady.get(i) - steady.get(i - 1));
                }
                Collections.sort(gaps);
                lines.add(String.format("features %-40s play: %.1f updates painted/s (median gap %.1f ms); "
                        + "click-to-paint: median %.1f ms, p90 %.1f ms over %d clicks",
                        features.replace("%5E", "^"), perSecond, gaps.get(gaps.size() / 2),
                        latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.9)),
                        latencies.size()));
                assertTrue(steady.size() > 2, "play painted updates");
                double updates = paints.size();
                lines.add(String.format("    per update while playing: request to response %.1f ms, response to swapped %.1f ms"
                        + " (medians); main thread busy %.1f ms: script %.1f, style %.1f, layout %.1f",
                        phase(browser, "sent", "loaded"), phase(browser, "loaded", "settled"),
                        (after.get("TaskDuration") - before.get("TaskDuration")) * 1000 / updates,
                        (after.get("ScriptDuration") - before.get("ScriptDuration")) * 1000 / updates,
                        (after.get("RecalcStyleDuration") - before.get("RecalcStyleDuration")) * 1000 / updates,
                        (after.get("LayoutDuration") - before.get("LayoutDuration")) * 1000 / updates));
            }
        } finally {
            app.stop();
        }
        Path out = Path.of("target", "browser-speed.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** Chromium's own cumulative main-thread times, in seconds (CDP Performance.getMetrics). */
    private static Map<String, Double> mainThread(Browser browser) {
        Map<String, Double> out = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) browser.driver
                .executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
        for (Map<String, Object> m : metrics) {
            out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return out;
    }

    /** The median time from one htmx event to the next over the requests of the play run. */
    private static double phase(Browser browser, String from, String to) {
        @SuppressWarnings("unchecked")
        List<Number> gaps = (List<Number>) browser.driver.executeScript(
                "const p = window.__phases; const n = Math.min(p[arguments[0]].length, p[arguments[1]].length);"
                + " const g = []; for (let i = 0; i < n; i++) g.push(p[arguments[1]][i] - p[arguments[0]][i]);"
                + " return g.sort((a, b) => a - b);", from, to);
        return gaps.isEmpty() ? Double.NaN : gaps.get(gaps.size() / 2).doubleValue();
    }

    private static void warmUp(int port) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            String page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/?dataset=blobs&n=1000&classes=5&learningRate=0.01")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher run = Pattern.compile("data-run=\"([0-9a-f]+)\"").matcher(page);
            assertTrue(run.find(), "the page names its run");
            for (int i = 0; i < 400; i++) {
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/lab/step"))
                        .header("HX-Request", "true").header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("run=" + run.group(1) + "&count=1")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
