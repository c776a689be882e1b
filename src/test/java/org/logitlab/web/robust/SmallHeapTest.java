package org.logitlab.web.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.logitlab.web.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Main;

/**
 * The memory budget holds on a small heap: the real server in its own JVM with {@code -Xmx384m}, as {@code Main}
 * starts it, and two clients creating 600 runs at step 100 000 (about 3.4 MB of history each, 2 GB in all). Every
 * creation succeeds, the server stays up, and the first run, long evicted, comes back bit for bit from its
 * permalink.
 */
@Tag("slow")
class SmallHeapTest {
    private static final Pattern LISTENING = Pattern.compile("running at http://localhost:(\\d+)/");
    private static final int RUNS = 600;

    @TempDir
    Path dir;
    private Process server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void six_hundred_runs_at_step_100000_from_two_clients_fit_in_384_megabytes() throws Exception {
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("LOGITLAB_DATA_DIR", dir.resolve("data").toString());
        server = builder.start();
        int port = awaitPort(log);

        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<List<JsonNode>>> halves = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int first = c * RUNS / 2;
            halves.add(clients.submit(() -> createRuns(port, first, RUNS / 2)));
        }
        List<JsonNode> created = new ArrayList<>();
        for (Future<List<JsonNode>> half : halves) {
            created.addAll(half.get());
        }
        clients.shutdown();
        assertEquals(RUNS, created.size());
        assertTrue(server.isAlive(), "the server is up");
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), Files.readString(log));

        JsonNode earliest = created.get(0);
        HttpResponse<String> page = send(port, HttpRequest.newBuilder(uri(port, earliest.get("permalink").asText()))
                .header("Accept", "text/html").GET());
        assertEquals(200, page.statusCode(), page.body());
        String rebuiltId = Jsoup.parse(page.body()).getElementById("lab").attr("data-run");
        JsonNode rebuilt = TestServer.json(send(port, HttpRequest.newBuilder(uri(port, "/api/runs/" + rebuiltId))
                .GET()).body());
        for (String field : List.of("step", "weights", "biases", "gradient", "loss", "accuracy", "permalink")) {
            assertEquals(earliest.get(field), rebuilt.get(field), field + " differs after the rebuild");
        }
    }

    private List<JsonNode> createRuns(int port, int first, int count) throws IOException, InterruptedException {
        List<JsonNode> runs = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            HttpResponse<String> r = send(port, HttpRequest.newBuilder(uri(port, "/api/runs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"dataset\":{\"n\":10,\"seed\":" + i + "},\"step\":100000}")));
            assertEquals(201, r.statusCode(), () -> "run " + runs.size() + ": " + r.body());
            JsonNode run = TestServer.json(r.body());
            assertEquals(100_000, run.get("step").asLong());
            runs.add(run);
        }
        return runs;
    }

    private HttpResponse<String> send(int port, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /** The port the server says it listens on, once it has said so. */
    private int awaitPort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(server.isAlive(), () -> "the server stopped: " + readQuietly(log));
            Thread.sleep(50);
        }
        throw new AssertionError("the server never said where it listens: " + readQuietly(log));
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
