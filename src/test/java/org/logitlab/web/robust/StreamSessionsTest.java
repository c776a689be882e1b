package org.logitlab.web.robust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a play stream makes an HTTP session (the WebSocket upgrade reads its attributes), which Jetty would keep
 * for ever: a page that opens and closes streams, or anyone who floods upgrades, would fill the heap.
 */
class StreamSessionsTest {
    private static final int STREAMS = 40;

    @TempDir
    Path dataDir;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void play_streams_that_opened_and_closed_leave_no_session_in_memory() {
        for (int i = 0; i < STREAMS; i++) {
            String answer = server.streamOnce("/lab/stream", "{\"lang\":\"en\",\"run\":\"no-such-run\"}");
            assertTrue(answer.contains("id=\"message\""), answer);
        }
        DefaultSessionCache sessions = (DefaultSessionCache) server.app().jettyServer().server()
                .getDescendant(ServletContextHandler.class).getSessionHandler().getSessionCache();
        assertTrue(sessions.getSessionsTotal() >= STREAMS, "each upgrade made a session: " + sessions.getSessionsTotal());
        assertEquals(0, sessions.getSessionsCurrent());
    }

    @Test
    void opening_a_play_stream_sets_no_cookie() throws IOException {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /lab/stream?run=x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = head(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("set-cookie"), head);
        }
    }

    /** The response's status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
