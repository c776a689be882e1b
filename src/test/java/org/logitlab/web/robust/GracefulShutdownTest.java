package org.logitlab.web.robust;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Stopping lets a request in flight finish; SIGTERM stops the packaged server cleanly and frees its port. */
class GracefulShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void a_request_in_flight_when_the_app_stops_still_completes_with_201() throws Exception {
        AppUnderTest server = AppUnderTest.start(Settings.forTests(dataDir));
        boolean stopped = false;
        try {
            // Size the request to take about two seconds on this machine (timed once warmed up).
            long calibrationSteps = 40;
            server.create(body(calibrationSteps));
            long started = System.nanoTime();
            server.create(body(calibrationSteps));
            double msPerStep = (System.nanoTime() - started) / 1e6 / calibrationSteps;
            long steps = Math.max(100, Math.min(100_000, Math.round(2000 / msPerStep)));

            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(server.uri("/api/runs")).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body(steps))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Thread.sleep(400);
            assertTrue(!inFlight.isDone(), "the slow request finished before the stop; it was sized at " + steps
                    + " steps");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.app().stop());
            stopped = true;
            HttpResponse<String> r;
            try {
                r = inFlight.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the request in flight (" + steps + " steps) was cut off by stop(): "
                        + e.getCause(), e.getCause());
            }
            assertEquals(201, r.statusCode(), r::body);
            assertEquals(steps, AppUnderTest.json(r.body()).get("step").asLong());
            stopping.get(60, TimeUnit.SECONDS);
        } finally {
            if (!stopped) {
                server.close();
            }
        }
    }

    private static String body(long steps) {
        return "{\"dataset\":{\"n\":5000},\"classes\":8,\"step\":" + steps + "}";
    }

    @Test
    void the_server_process_stops_on_sigterm_and_frees_its_port() throws Exception {
        // The real main class in its own process, from the classes this build compiled (the jar is made after
        // the tests run, so it cannot be used here).
        int port = freePort();
        Path log = dataDir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.logitlab.web.Main")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LOGITLAB_DATA_DIR", dataDir.resolve("data").toString());
        Process process = builder.start();
        try {
            awaitServing(process, port, log);
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
            int exit = process.exitValue();
            assertTrue(exit == 143 || exit == 0, () -> "exit code " + exit + "; log:\n" + read(log));
            assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(),
                    "the port is still open after the process exited");
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitServing(Process process, int port, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String text = read(log);
                assumeFalse(text.contains("Invalid or corrupt jarfile") || text.contains("zip END header"),
                        "the jar was being rebuilt while it was copied:\n" + text);
                fail("the server exited with " + process.exitValue() + " before serving:\n" + text);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/runs")).POST(
                        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        fail("the server did not answer on port " + port + " within 30 s:\n" + read(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
