package org.logitlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

import org.eclipse.jetty.server.Server;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The real application on a random port, built by the factory {@code Main} uses, and every kind of request the
 * HTTP tests send: JSON, forms and htmx through a plain {@link HttpClient}; raw bytes, chunked bodies and request
 * lines no client would normalize over a socket. Every answer is a {@link Response}.
 *
 * <p>A body over {@link LogitLabApp#MAX_BODY_BYTES} goes over a socket too: the server answers 413 before it has
 * read such a body and closes the connection, and the JDK client then fails with "Broken pipe" instead of
 * returning the answer; the socket keeps reading after a failed write.
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String[] HTMX = {"HX-Request", "true", "Accept", "text/html"};

    private final Settings settings;
    private final TrustedProxy proxy;
    private final Path ownedDirectory;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Javalin app;
    private int stoppedPort;

    private TestServer(Settings settings, TrustedProxy proxy, Path ownedDirectory) {
        this.settings = settings;
        this.proxy = proxy;
        this.ownedDirectory = ownedDirectory;
        this.app = LogitLabApp.create(settings, proxy).start(0);
    }

    /** The test settings ({@link Settings#forTests}) over this data directory. */
    public static TestServer start(Path dataDirectory) {
        return start(Settings.forTests(dataDirectory));
    }

    public static TestServer start(Settings settings) {
        return new TestServer(settings, TrustedProxy.NONE, null);
    }

    /** A server behind {@code proxy}, believing its forwarding headers. */
    public static TestServer start(Settings settings, TrustedProxy proxy) {
        return new TestServer(settings, proxy, null);
    }

    /** For jqwik containers, which have no {@code @TempDir}: the data directory is made here and removed on close. */
    public static TestServer startInTemporaryDirectory(Function<Path, Settings> settings) {
        try {
            Path dir = Files.createTempDirectory("logitlab-test");
            return new TestServer(settings.apply(dir), TrustedProxy.NONE, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops this server and starts a fresh one (no live runs) with the same settings and data directory. */
    public void restart() {
        stopApp();
        app = LogitLabApp.create(settings, proxy).start(0);
    }

    /** Stops this server (gracefully: requests in flight finish); {@link #startAgain} brings it back. */
    public void stop() {
        stoppedPort = app.port();
        stopApp();
    }

    /**
     * Stops the app. Jetty's graceful stop waits up to its stop timeout for requests in flight and open connections,
     * then closes what is left and reports the timeout. A test that ends with attackers' connections still open
     * (or a loaded machine that notices their close late) may reach it: the server is stopped all the same, so the
     * harness says what was still open rather than failing a test whose assertions all held.
     */
    private void stopApp() {
        Server jetty = app.jettyServer().server();
        AtomicReference<String> open = new AtomicReference<>();
        Thread watch = new Thread(() -> {
            try {
                Thread.sleep(5_000);
                open.set(jetty.dump());
            } catch (InterruptedException stoppedInTime) {
                // nothing lingered
            }
        }, "stop-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            app.stop();
        } catch (RuntimeException e) {
            if (!(rootCause(e) instanceof TimeoutException)) {
                throw e;
            }
            System.err.println("The graceful stop timed out; the server closed what was left. Still open 5 s in:\n"
                    + open.get());
        } finally {
            watch.interrupt();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A fresh server (no live runs) on the port this one had, as an instance behind a balancer comes back. */
    public void startAgain() {
        app = LogitLabApp.create(settings, proxy).start(stoppedPort);
    }

    @Override
    public void close() {
        stopApp();
        if (ownedDirectory != null) {
            try (Stream<Path> files = Files.walk(ownedDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Javalin app() {
        return app;
    }

    public int port() {
        return app.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + app.port() + pathAndQuery);
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    /** A GET with header name/value pairs. */
    public Response get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** A GET as htmx sends it. */
    public Response htmxGet(String pathAndQuery, String... headers) {
        return get(pathAndQuery, concat(HTMX, headers));
    }

    /** A POST of a JSON body; null sends none (and no Content-Type). */
    public Response postJson(String path, String json, String... headers) {
        return sendJson("POST", path, json, headers);
    }

    /** Any method with a JSON body; null sends none (and no Content-Type). */
    public Response sendJson(String method, String path, String json, String... headers) {
        return send(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                json == null ? headers : concat(new String[] {"Content-Type", "application/json"}, headers));
    }

    /** A POST of text with exactly the given headers: no Content-Type unless one is among them. */
    public Response post(String path, String body, String... headers) {
        return postBytes(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Response postBytes(String path, byte[] body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** A form POST (application/x-www-form-urlencoded) as a browser without JavaScript sends it. */
    public Response postForm(String path, Map<String, String> form, String... headers) {
        return post(path, encode(form),
                concat(new String[] {"Content-Type", "application/x-www-form-urlencoded"}, headers));
    }

    /** A form POST as htmx sends it. */
    public Response htmxPost(String path, Map<String, String> form, String... headers) {
        return postForm(path, form, concat(HTMX, headers));
    }

    /** A JSON POST streamed with chunked transfer encoding, so that the server is not told its length. */
    public Response postChunked(String path, String json) {
        return RawHttp.exchange(port(), "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                RawHttp.chunked(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A request with an optional body (null sends none) and header name/value pairs. */
    public Response send(String method, String pathAndQuery, byte[] body, String... headers) {
        if (body != null && body.length > LogitLabApp.MAX_BODY_BYTES) {
            StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n");
            for (int h = 0; h < headers.length; h += 2) {
                head.append(headers[h]).append(": ").append(headers[h + 1]).append("\r\n");
            }
            return RawHttp.exchange(port(), head.append("\r\n").toString(), body);
        }
        return send(uri(pathAndQuery), method, body, headers);
    }

    /** A request to any address (a balancer in front of test servers, say), sent as {@link #send} sends it. */
    public static Response send(URI uri, String method, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpRequest built = request.build();
        try {
            HttpResponse<String> r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request line byte for byte over HTTP/1.0 (so the answer is not chunked), so that targets no URI
     * class accepts still reach the server. Each header is a whole line, {@code "Name: value"}.
     */
    public Response raw(String method, String target, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n"
                + "Content-Length: " + body.length + "\r\n");
        headerLines.forEach(h -> head.append(h).append("\r\n"));
        return RawHttp.exchange(port(), head.append("\r\n").toString(), body);
    }

    /** Sends {@code GET <target> HTTP/1.1} byte for byte, so ".." and "%2e%2e" reach the server unnormalized. */
    public Response rawGet(String target) {
        return RawHttp.exchange(port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                new byte[0]);
    }

    // ---- requests that must succeed -----------------------------------------------------------------------------

    /** POST /api/runs with this body; the run state, after checking the answer is 201. */
    public JsonNode createRun(String body) {
        Response r = postJson("/api/runs", body);
        assertEquals(201, r.status(), () -> "POST /api/runs " + body + " answered " + r.body());
        return r.json();
    }

    /** GET /api/runs/{id}, which must answer 200. */
    public JsonNode run(String id) {
        return api("/api/runs/" + id);
    }

    /** A JSON API read that must answer 200. */
    public JsonNode api(String path) {
        Response r = get(path, "Accept", "application/json");
        assertEquals(200, r.status(), () -> path + " answered " + r.body());
        return r.json();
    }

    /** Sends one message on the WebSocket at {@code path} and returns its one answer. */
    public String streamOnce(String path, String message) {
        return stream(path, message, 1).get(0);
    }

    /** Sends one message on the WebSocket at {@code path} and returns the first {@code count} messages it answers. */
    public List<String> stream(String path, String message, int count) {
        List<String> answers = new CopyOnWriteArrayList<>();
        CompletableFuture<List<String>> all = new CompletableFuture<>();
        try {
            WebSocket socket = socket(URI.create("ws://localhost:" + port() + path), text -> {
                answers.add(text);
                if (answers.size() == count) {
                    all.complete(List.copyOf(answers));
                }
            });
            socket.sendText(message, true);
            try {
                return all.get(30, TimeUnit.SECONDS);
            } finally {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer on " + path, e);
        }
    }

    /** A WebSocket open at {@code uri} (here or through a balancer) that hands each whole message to {@code onText}. */
    public static WebSocket socket(URI uri, Consumer<String> onText)
            throws InterruptedException, ExecutionException, TimeoutException {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    onText.accept(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Opens a page: GET {@code /?query} (or {@code /} for ""), which must answer 200. */
    public Lab open(String query) {
        Response r = get(query.isEmpty() ? "/" : "/?" + query);
        assertEquals(200, r.status(), () -> "GET /?" + query + " answered " + r.body());
        return Lab.of(r.body());
    }

    // ---- reading and writing ------------------------------------------------------------------------------------

    /** The JSON of a response that must be 200. */
    public static JsonNode ok(Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    public static String encode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((name, value) -> out.add(query(name, value)));
        return out.toString();
    }

    /** One {@code name=value} pair, both URL-encoded. */
    public static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] first, String[] then) {
        return Stream.concat(Stream.of(first), Stream.of(then)).toArray(String[]::new);
    }

    /** One HTTP answer, from the client or read off a socket: status, headers and the body as UTF-8 text. */
    public record Response(int status, HttpHeaders headers, String body) {
        /** The first value of a header, or "" without one. */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        /** The headers as text, for a failure's message. */
        public String head() {
            return status + " " + headers.map();
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public JsonNode json() {
            return TestServer.json(body);
        }

        /** Reads one response (a 1xx interim one too) from a socket, and no further. */
        public static Response read(InputStream in) throws IOException {
            return RawHttp.read(in);
        }
    }

    /** The run a page (or a fragment holding {@code #runref}) is showing, and its permalink state. */
    public record Lab(String id, String state, Document doc) {
        public static Lab of(String html) {
            return of(Jsoup.parse(html));
        }

        public static Lab of(Document doc) {
            Element runref = doc.getElementById("runref");
            assertNotNull(runref, () -> "no #runref in " + doc.outerHtml());
            Element run = runref.selectFirst("input[name=run]");
            Element state = runref.selectFirst("input[name=state]");
            assertNotNull(run, "no run field");
            assertNotNull(state, "no state field");
            return new Lab(run.val(), state.val(), doc);
        }

        /** The fields every /lab/* action sends, plus the given name/value pairs. */
        public Map<String, String> form(String... pairs) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("run", id);
            form.put("state", state);
            form.put("inspect", "");
            for (int j = 0; j < pairs.length; j += 2) {
                form.put(pairs[j], pairs[j + 1]);
            }
            return form;
        }

        /** {@code run=..&state=..} for the GET actions (exports, inspector). */
        public String runQuery() {
            return query("run", id) + "&" + query("state", state);
        }
    }
}
