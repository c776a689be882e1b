package org.logitlab.web.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.logitlab.web.LogitLabApp;
import org.logitlab.web.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The real app on a random port, started from the factory {@code Main} uses, with the few requests the page tests
 * make: plain and htmx GETs and form POSTs, JSON API reads, and raw request lines that no client normalizes.
 */
final class LabServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LabServer(Javalin app) {
        this.app = app;
    }

    static LabServer start(Path dataDirectory) {
        return new LabServer(LogitLabApp.create(Settings.forTests(dataDirectory)).start(0));
    }

    @Override
    public void close() {
        app.stop();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + app.port() + pathAndQuery);
    }

    /** A GET with the given header name/value pairs. */
    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A GET as htmx sends it. */
    HttpResponse<String> htmxGet(String pathAndQuery) {
        return get(pathAndQuery, "HX-Request", "true", "Accept", "text/html");
    }

    /** A form POST (application/x-www-form-urlencoded), as htmx sends it. */
    HttpResponse<String> htmxPost(String path, Map<String, String> form, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "HX-Request";
        all[1] = "true";
        all[2] = "Accept";
        all[3] = "text/html";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return post(path, form, all);
    }

    /** A form POST as a browser without JavaScript sends it. */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A JSON API read that must succeed. */
    JsonNode api(String path) {
        HttpResponse<String> r = get(path, "Accept", "application/json");
        assertEquals(200, r.statusCode(), () -> path + " answered " + r.body());
        return json(r.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code GET <target> HTTP/1.1} byte for byte, so ".." and "%2e%2e" reach the server unnormalized. */
    RawResponse rawGet(String target) {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            String statusLine = text.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            return new RawResponse(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record RawResponse(int status, String text) {
    }

    static String encode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Opens a page: GET {@code /?query}, which must answer 200. */
    Lab open(String query) {
        HttpResponse<String> r = get(query.isEmpty() ? "/" : "/?" + query);
        assertEquals(200, r.statusCode(), () -> "GET /?" + query + " answered " + r.body());
        return Lab.of(Jsoup.parse(r.body()));
    }

    /** The run a page (or a fragment holding {@code #runref}) is showing, and its permalink state. */
    record Lab(String id, String state, Document doc) {
        static Lab of(Document doc) {
            Element runref = doc.getElementById("runref");
            assertNotNull(runref, "no #runref in " + doc.outerHtml());
            Element run = runref.selectFirst("input[name=run]");
            Element state = runref.selectFirst("input[name=state]");
            assertNotNull(run, "no run field");
            assertNotNull(state, "no state field");
            return new Lab(run.val(), state.val(), doc);
        }

        /** The fields every /lab/* action sends, plus the given name/value pairs. */
        Map<String, String> form(String... pairs) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("run", id);
            form.put("state", state);
            form.put("inspect", "");
            for (int j = 0; j < pairs.length; j += 2) {
                form.put(pairs[j], pairs[j + 1]);
            }
            return form;
        }

        /** {@code ?run=..&state=..} for the GET actions (exports, inspector). */
        String runQuery() {
            return query("run", id) + "&" + query("state", state);
        }
    }
}
