package org.logitlab.web.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.ClientLimits;
import org.logitlab.web.RawHttp;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;

/**
 * Slow and greedy clients from one address (127.0.0.2: Linux routes all of 127/8 to loopback, and the server
 * listens on every address) cannot hold up another address (127.0.0.1).
 */
class SlowClientsTest {
    private static final String ATTACKER = "127.0.0.2";

    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws IOException {
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(ClientLimits.Limits limits) {
        server = TestServer.start(Settings.forTests(dataDir).withClientLimits(limits));
        return server;
    }

    /** A connection from the attacker's address that has sent {@code head} and keeps the rest to itself. */
    private Socket open(String head) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(ATTACKER, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    private static String post(String path, String contentType, long length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    @Test
    void a_multipart_body_is_refused_with_415_from_its_headers_before_any_of_it_is_sent() throws IOException {
        start(ClientLimits.Limits.DEFAULT);
        for (String path : List.of("/lab/step", "/api/runs", "/")) {
            Response r = RawHttp.read(open(post(path, "multipart/form-data; boundary=x", 300_000_000L)));
            assertEquals(415, r.status(), r.body());
            assertEquals("Content-Type", TestServer.json(r.body()).get("field").asText(), r.body());
        }
    }

    @Test
    void a_body_that_stops_arriving_is_answered_408_after_the_request_idle_time() throws IOException {
        start(new ClientLimits.Limits(400, 64, 1024, Duration.ofSeconds(1)));
        Socket s = open(post("/api/runs", "application/json", 100) + "{\"step\":");
        long started = System.nanoTime();
        Response r = RawHttp.read(s);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(408, r.status(), r.body());
        assertEquals("body", TestServer.json(r.body()).get("field").asText(), r.body());
        assertTrue(millis < 5000, millis + " ms");
    }

    @Test
    void connections_past_the_limit_of_one_address_are_closed_and_other_addresses_still_served()
            throws Exception {
        start(new ClientLimits.Limits(5, 64, 1024, Duration.ofSeconds(10)));
        List<Socket> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(open(""));
        }
        assertEquals(-1, firstByte(open(GET)), "the sixth connection was served");
        assertEquals(404, server.get("/api/runs/x").status(), "another address is served");

        five.get(0).close();
        // The server learns of the close a moment later: poll until a new connection is served.
        for (int attempt = 0; attempt < 100; attempt++) {
            if (firstByte(open(GET)) == 'H') {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no connection was served after one of the five closed");
    }

    private static final String GET = "GET /api/runs/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    /** The first byte the server sends, or −1 when it closes the connection first. */
    private static int firstByte(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    @Tag("slow")
    void three_hundred_connections_dripping_bodies_do_not_delay_another_address_beyond_two_seconds()
            throws Exception {
        start(ClientLimits.Limits.DEFAULT);
        String id = server.createRun("{\"dataset\":{\"n\":200}}").get("id").asText();
        Map<String, String> lab = runref(server.get("/", "Accept", "text/html").body());
        Drippers drippers = new Drippers(300);
        try {
            drippers.start();
            long worst = 0;
            int pairs = 0;
            long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                Response step = server.htmxPost("/lab/step", lab);
                Response api = server.postJson("/api/runs/" + id + "/step", "{}");
                worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
                assertEquals(200, step.status(), step::body);
                assertEquals(200, api.status(), api::body);
                pairs++;
                Thread.sleep(50); // a student's pace: this JVM also runs the server, and shares two cores
            }
            assertTrue(drippers.opened() >= 300, drippers.opened() + " connections dripped");
            assertTrue(worst < 2000, "the slowest of " + pairs + " step pairs took " + worst + " ms");
        } finally {
            drippers.stop();
        }
    }

    /**
     * Connections from the attacker's address that each declare a 500 KB body (to the page and to the API, in
     * turn) and send one byte of it every two seconds; a connection the server closes is opened again, so the
     * pressure stays.
     */
    private final class Drippers {
        private final List<Socket> open = new ArrayList<>();
        private final Thread thread = new Thread(this::drip, "dripper");
        private volatile boolean running = true;
        private int opened;

        Drippers(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                open.add(next());
            }
        }

        private Socket next() throws IOException {
            opened++;
            return opened % 2 == 0 ? open(post("/lab/step", "application/x-www-form-urlencoded", 500_000))
                    : open(post("/api/runs", "application/json", 500_000));
        }

        int opened() {
            return opened;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        private void drip() {
            try {
                while (running) {
                    for (int i = 0; i < open.size() && running; i++) {
                        try {
                            OutputStream out = open.get(i).getOutputStream();
                            out.write(' ');
                            out.flush();
                        } catch (IOException closedByServer) {
                            open.get(i).close();
                            open.set(i, next());
                        }
                    }
                    Thread.sleep(2000);
                }
            } catch (InterruptedException | IOException e) {
                // stopped, or the server is gone: the test's own requests will say which
            }
        }
    }

    /** The run id and state fields a page carries. */
    private static Map<String, String> runref(String html) {
        TestServer.Lab lab = TestServer.Lab.of(html);
        return Map.of("run", lab.id(), "state", lab.state());
    }
}
