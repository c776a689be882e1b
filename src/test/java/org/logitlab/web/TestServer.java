package org.logitlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

/**
 * The real application on a random port, built by the same factory {@code Main} uses, and a plain
 * {@link HttpClient} to talk to it. {@link #restart()} stops the server and starts a new one on the same data
 * directory, as a redeploy would.
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDirectory;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Javalin app;

    private TestServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.app = LogitLabApp.create(Settings.forTests(dataDirectory)).start(0);
    }

    public static TestServer start(Path dataDirectory) {
        return new TestServer(dataDirectory);
    }

    /** Stops this server and starts a fresh one (no live runs) over the same data directory. */
    public void restart() {
        app.stop();
        app = LogitLabApp.create(Settings.forTests(dataDirectory)).start(0);
    }

    @Override
    public void close() {
        app.stop();
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    /** A request with an optional body (null sends none) and header name/value pairs. */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int h = 0; h < headers.length; h += 2) {
            request.header(headers[h], headers[h + 1]);
        }
        return exchange(request.build());
    }

    /**
     * A JSON POST over a plain socket: for bodies the server refuses before reading them all, where an HTTP
     * client may fail its write ("Broken pipe") instead of reading the answer.
     */
    public Response postRaw(String path, String body) {
        RawHttp.Response r = RawHttp.request(app.port(), "POST", path, List.of("Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        return new Response(r.status(), r.contentType(), r.body());
    }

    /** A POST whose body is streamed with chunked transfer encoding, so the server is not told its length. */
    public Response postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return exchange(request);
    }

    private Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/runs with this body; the run state, after checking the answer is 201. */
    public JsonNode createRun(String body) {
        Response r = post("/api/runs", body);
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    /** GET /api/runs/{id}, after checking the answer is 200. */
    public JsonNode run(String id) {
        return ok(get("/api/runs/" + id));
    }

    /** The JSON of a response that must be 200. */
    public static JsonNode ok(Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** One HTTP answer: status, content type and the body as text. */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return parse(body);
        }
    }
}
