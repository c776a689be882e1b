package org.logitlab.web.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Await;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TrustedProxy;

/**
 * While an instance stops, the requests still in flight finish, and a new request on a connection the balancer kept
 * open would get Jetty's 503, which nginx passes on. From the trusted proxy such a request is refused by closing its
 * connection, which nginx retries on another instance; anyone else still gets the 503.
 */
@Tag("slow")
class StoppingInstanceTest {
    /** About a second of replay: it keeps the server draining while the test asks its question. */
    private static final String SLOW_CREATE = "{\"dataset\": {\"name\": \"blobs\", \"n\": 5000}, \"classes\": 8,"
            + " \"features\": [\"x1\", \"x2\", \"x1^2\", \"x2^2\", \"x1*x2\", \"sin(x1)\", \"sin(x2)\"], \"step\": 2000}";
    private static final String GET = "GET /api/runs/00000000000000000000000000000000 HTTP/1.1\r\nHost: x\r\n\r\n";

    @TempDir
    Path dataDir;

    @Test
    void a_request_from_the_proxy_during_the_stop_is_handed_back_unanswered() throws Exception {
        assertEquals(-1, statusDuringStop(TrustedProxy.parse("127.0.0.1")), "connection closed, nothing answered");
    }

    @Test
    void a_request_from_anyone_else_during_the_stop_gets_the_503() throws Exception {
        assertEquals(503, statusDuringStop(TrustedProxy.parse("192.0.2.1")));
    }

    /** The status of a request sent on a kept-alive connection while the server drains; -1 if it was closed. */
    private int statusDuringStop(TrustedProxy proxy) throws Exception {
        TestServer server = TestServer.start(Settings.forTests(dataDir), proxy);
        Server jetty = server.app().jettyServer().server();
        try (Socket kept = new Socket("localhost", server.port())) {
            kept.setSoTimeout(30_000);
            OutputStream out = kept.getOutputStream();
            InputStream in = kept.getInputStream();
            out.write(GET.getBytes(StandardCharsets.US_ASCII));
            assertEquals(404, TestServer.Response.read(in).status(), "the connection works and stays open");

            GracefulHandler graceful = jetty.getDescendant(GracefulHandler.class);
            // The GET is counted until its callback completes, which can be after its answer has arrived.
            Await.until(Duration.ofSeconds(10), () -> graceful.getCurrentRequestCount() == 0, "the GET done");
            CompletableFuture<TestServer.Response> slow = CompletableFuture.supplyAsync(
                    () -> server.postJson("/api/runs", SLOW_CREATE));
            Await.until(Duration.ofSeconds(10), () -> graceful.getCurrentRequestCount() > 0, "the slow request");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            Await.until(Duration.ofSeconds(10), graceful::isShutdown, "the server draining");

            int status;
            try {
                out.write(GET.getBytes(StandardCharsets.US_ASCII));
                status = TestServer.Response.read(in).status();
            } catch (SocketException | java.io.EOFException closed) {
                status = -1;
            }
            assertEquals(201, slow.get(60, TimeUnit.SECONDS).status(), "the request in flight finished");
            stopping.get(60, TimeUnit.SECONDS);
            return status;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
