package org.logitlab.web.robust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.logitlab.web.LogitLabApp;
import org.logitlab.web.RawHttp;
import org.logitlab.web.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The real app on a random port, built by the factory {@code Main} uses, and the requests the robustness tests
 * send: JSON and form posts with any headers, GETs, raw bytes, and raw request lines no client would normalize.
 */
final class AppUnderTest implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final Path ownedDirectory;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AppUnderTest(Javalin app, Path ownedDirectory) {
        this.app = app;
        this.ownedDirectory = ownedDirectory;
    }

    static AppUnderTest start(Settings settings) {
        return new AppUnderTest(LogitLabApp.create(settings).start(0), null);
    }

    /** For jqwik containers, which have no {@code @TempDir}: the data directory is made here and removed on close. */
    static AppUnderTest startWithOwnDirectory(long runMemoryBytes) {
        try {
            Path dir = Files.createTempDirectory("logitlab-robust");
            return new AppUnderTest(LogitLabApp.create(Settings.forTests(dir).withRunMemoryBytes(runMemoryBytes))
                    .start(0), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Javalin app() {
        return app;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (ownedDirectory != null) {
            try (Stream<Path> files = Files.walk(ownedDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + app.port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(builder(pathAndQuery, headers).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return post(path, body, "Content-Type", "application/json");
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    HttpResponse<String> postBytes(String path, byte[] body, String... headers) {
        return send(builder(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        String[] all = Stream.concat(Stream.of("Content-Type", "application/x-www-form-urlencoded"),
                Stream.of(headers)).toArray(String[]::new);
        return post(path, encode(form), all);
    }

    /** Creates a run that must be accepted; answers its JSON. */
    JsonNode create(String body) {
        HttpResponse<String> r = postJson("/api/runs", body);
        assertEquals(201, r.statusCode(), () -> "POST /api/runs " + body + " answered " + r.body());
        return json(r.body());
    }

    /** A JSON read that must succeed. */
    JsonNode api(String path) {
        HttpResponse<String> r = get(path, "Accept", "application/json");
        assertEquals(200, r.statusCode(), () -> path + " answered " + r.body());
        return json(r.body());
    }

    /** Opens a permalink as a browser does and answers the id of the live run the page shows. */
    String openPage(String permalink) {
        HttpResponse<String> r = get(permalink, "Accept", "text/html");
        assertEquals(200, r.statusCode(), () -> "GET " + permalink + " answered " + r.body());
        Element lab = Jsoup.parse(r.body()).getElementById("lab");
        assertNotNull(lab, "no #lab on the page");
        return lab.attr("data-run");
    }

    /** The run id and state fields a page (or a fragment holding #runref) carries. */
    static Map<String, String> runref(String html) {
        Document doc = Jsoup.parse(html);
        Element runref = doc.getElementById("runref");
        assertNotNull(runref, "no #runref");
        return Map.of("run", runref.selectFirst("input[name=run]").val(),
                "state", runref.selectFirst("input[name=state]").val());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder builder(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    /** Sends a request line byte for byte (see {@link RawHttp#request}), so targets no URI class accepts still arrive. */
    RawHttp.Response raw(String method, String target, List<String> headers, byte[] body) {
        return RawHttp.request(app.port(), method, target, headers, body);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String encode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((k, v) -> out.add(param(k, v)));
        return out.toString();
    }

    static String param(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
