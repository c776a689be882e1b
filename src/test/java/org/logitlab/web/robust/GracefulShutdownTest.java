package org.logitlab.web.robust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Await;
import org.logitlab.web.ClientLimits;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Stopping lets a request in flight finish; SIGTERM stops the packaged server cleanly and frees its port. */
class GracefulShutdownTest {
    private static final long STEPS = 40;

    @TempDir
    Path dataDir;

    @Test
    void a_request_in_flight_when_the_app_stops_still_completes_with_201() throws Exception {
        TestServer server = TestServer.start(dataDir);
        boolean stopped = false;
        // The JSON, then more whitespace than the server reads ahead of the app (ClientLimits.EAGER_BODY_BYTES): once
        // the first part is sent the app's own handler is reading the body, so the request is in flight inside the
        // graceful stop, and it stays there until the rest comes.
        byte[] first = (body(STEPS) + " ".repeat(2 * ClientLimits.EAGER_BODY_BYTES)).getBytes(StandardCharsets.UTF_8);
        byte[] rest = " ".repeat(1024).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (first.length + rest.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();
            GracefulHandler graceful = server.app().jettyServer().server().getDescendant(GracefulHandler.class);
            Await.until(Duration.ofSeconds(10), () -> graceful.getCurrentRequestCount() == 1,
                    "the request reaches the app while its body is still coming");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            stopped = true;
            Await.until(Duration.ofSeconds(10), () -> graceful.isShutdown() || stopping.isDone(),
                    "stop() begins a graceful shutdown");
            assertFalse(stopping.isDone(), "stop() returned while a request was in flight");

            out.write(rest);
            out.flush();
            Response r;
            try {
                r = Response.read(in);
            } catch (IOException e) {
                throw new AssertionError("the request in flight was cut off by stop(): " + e, e);
            }
            assertEquals(201, r.status(), r::body);
            assertEquals(STEPS, r.json().get("step").asLong());
            stopping.get(60, TimeUnit.SECONDS);
        } finally {
            if (!stopped) {
                server.close();
            }
        }
    }

    private static String body(long steps) {
        return "{\"dataset\":{\"n\":200},\"classes\":3,\"step\":" + steps + "}";
    }

    @Test
    @Tag("slow") // a JVM of its own
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

    private static void awaitServing(Process process, int port, Path log) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        Await.until(Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                String text = read(log);
                assumeFalse(text.contains("Invalid or corrupt jarfile") || text.contains("zip END header"),
                        "the jar was being rebuilt while it was copied:\n" + text);
                fail("the server exited with " + process.exitValue() + " before serving:\n" + text);
            }
            try {
                return client.send(create, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
            } catch (IOException notYet) {
                return false; // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, () -> "the server did not answer on port " + port + ":\n" + read(log));
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
