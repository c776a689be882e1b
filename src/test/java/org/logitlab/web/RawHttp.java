package org.logitlab.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * HTTP over a plain socket, for what no HTTP client sends: request lines and targets byte for byte, oversized
 * heads, and bodies the server refuses before it has read them. A server that answers early and closes makes the
 * rest of the write fail ("Broken pipe", "Connection reset"); the answer it sent is still read and returned.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** An answer read off a socket: status, head and body as text. */
    public record Response(int status, String head, String body) {
        static Response parse(String text) {
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            String[] status = head.lines().findFirst().orElse("").split(" ");
            return new Response(status.length > 1 ? Integer.parseInt(status[1]) : -1, head, body);
        }

        /** The first value of a header, or "" without one. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst().orElse("");
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /**
     * Sends {@code method target HTTP/1.0} with these header lines and a body of known length. HTTP/1.0, so the
     * answer is not chunked and the server closes when it is done.
     */
    public static Response request(int port, String method, String target, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n"
                + "Content-Length: " + body.length + "\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        return exchange(port, head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    /** Writes the head and body as given, then reads until the server closes. */
    public static Response exchange(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException refusedMidway) {
                // The server answered before reading everything and closed its side: read what it said.
            }
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("raw request to port " + port + " failed", e);
        }
    }

    /** The answer on a connection, read until the server closes it; a reset after the answer ends it too. */
    public static Response read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return Response.parse(all.toString(StandardCharsets.UTF_8));
    }
}
