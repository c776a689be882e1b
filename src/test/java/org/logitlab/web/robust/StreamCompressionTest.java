package org.logitlab.web.robust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.util.compression.CompressionPool;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.TestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The play streams' answers are deflated at the fastest level, as the HTTP answers are gzipped at it. */
class StreamCompressionTest {
    @TempDir
    Path dataDir;

    @Test
    void the_play_streams_deflate_a_step_answer_as_level_1_does() {
        try (TestServer server = TestServer.start(dataDir)) {
            String lab = server.get("/?dataset=blobs&n=200&classes=5").body();
            byte[] answer = lab.getBytes(StandardCharsets.UTF_8);
            DeflaterPool pool = WebSocketServerComponents.getWebSocketComponents(server.app().jettyServer().server()
                    .getDescendant(ServletContextHandler.class)).getDeflaterPool();
            CompressionPool<Deflater>.Entry entry = pool.acquire();
            try {
                byte[] streamed = deflate(entry.get(), answer);
                byte[] fastest = deflate(new Deflater(Deflater.BEST_SPEED, true), answer);
                assertArrayEquals(fastest, streamed);
                assertFalse(Arrays.equals(deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), answer), streamed),
                        "the default level deflates this page differently, so the comparison can tell them apart");
            } finally {
                pool.release(entry);
            }
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        deflater.reset();
        deflater.setInput(input);
        byte[] out = new byte[input.length * 2 + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, n);
    }
}
