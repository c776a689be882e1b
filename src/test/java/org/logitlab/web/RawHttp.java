package org.logitlab.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.logitlab.web.TestServer.Response;

/**
 * HTTP/1.x over a plain socket: what {@link TestServer} sends when no client would send it as it is — request lines
 * and targets byte for byte, oversized heads, bodies the server refuses before it has read them, and connections
 * from another loopback address.
 */
public final class RawHttp {
    private static final int SOCKET_TIMEOUT_MS = 30_000;

    private RawHttp() {
    }

    /**
     * Writes the head and the body on a connection of its own and reads the final answer. A write the server cut
     * short (it answered early, say with 413, and closed) is not an error: the answer is read all the same.
     */
    static Response exchange(int port, String head, byte[] body) {
        return exchange(port, head.getBytes(StandardCharsets.UTF_8), body);
    }

    /** As {@link #exchange(int, String, byte[])}, with the head as bytes (e.g. ISO-8859-1 text no client sends). */
    public static Response exchange(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException serverStoppedReading) {
                // The answer, if any, is already on its way; reading it tells.
            }
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")
                    + " failed", e);
        }
    }

    /** The final answer on a connection (after any 1xx), a reset after an answer ending it. */
    public static Response read(Socket socket) throws IOException {
        InputStream in = new ResetAsEnd(socket.getInputStream());
        Response r;
        do {
            r = read(in);
        } while (r.status() >= 100 && r.status() < 200);
        return r;
    }

    /** The body in chunked transfer encoding: 64 KB chunks and the last, empty one. */
    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
        for (int from = 0; from < body.length; from += 65_536) {
            int length = Math.min(65_536, body.length - from);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Reads one response and no byte of the next: the status line, the headers, and a body framed by
     * Content-Length, by chunks, or by the end of the connection. A 1xx answer has no body.
     */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("the connection closed before an answer");
        }
        String[] parts = statusLine.split(" ");
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (status >= 100 && status < 200) {
            body = new byte[0];
        } else if (headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = dechunk(in);
        } else if (headers.containsKey("Content-Length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("Content-Length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                break;
            }
            out.writeBytes(in.readNBytes(length));
            line(in);
        }
        return out.toByteArray();
    }

    /** One line without its CRLF, read byte by byte so that nothing after it is consumed; null at the end. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            out.write(b);
        }
        if (b == -1 && out.size() == 0) {
            return null;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * A reset after the server has sent something ends the answer rather than losing it: a server that closes a
     * connection with part of the request unread makes the kernel send a reset right after the answer.
     */
    private static final class ResetAsEnd extends FilterInputStream {
        private boolean received;
        private boolean reset;

        ResetAsEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (reset) {
                return -1;
            }
            try {
                int n = super.read(b, off, len);
                received |= n > 0;
                return n;
            } catch (SocketException e) {
                if (!received) {
                    throw e;
                }
                reset = true;
                return -1;
            }
        }
    }
}
