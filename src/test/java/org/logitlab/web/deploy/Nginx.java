package org.logitlab.web.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.logitlab.web.Await;
import org.logitlab.web.TestServer;

/**
 * Debian's nginx in front of test instances, run unprivileged with the project's own {@code deploy/nginx.conf}:
 * only its listening address and its upstream servers are replaced, by a free port and the instances' ports. Where
 * nginx is not installed the test is skipped, except under {@code CI=true}, where it fails.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    static final Path CONFIG = Path.of("deploy/nginx.conf");
    private static final Pattern LISTEN = Pattern.compile("listen 127\\.0\\.0\\.1:8080;");
    private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*)server 127\\.0\\.0\\.1:\\d+([^;]*);\\n");

    private final Process process;
    private final Path log;
    private final int port;

    private Nginx(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the calling test where nginx is missing; under CI=true, fails it instead. */
    static void assumeInstalled() {
        boolean present = Files.isExecutable(BINARY);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("nginx is required under CI=true: apt-get install nginx");
        }
        Assumptions.assumeTrue(present, "nginx not installed (" + BINARY + "): apt-get install nginx");
    }

    /** {@code deploy/nginx.conf} for these instance ports, listening on {@code listenPort}. */
    static String config(String template, int listenPort, List<Integer> instancePorts) {
        Matcher server = SERVER.matcher(template);
        if (!server.find() || !LISTEN.matcher(template).find()) {
            throw new IllegalStateException(CONFIG + " no longer has the listen and server lines this test replaces");
        }
        StringBuilder servers = new StringBuilder();
        for (int p : instancePorts) {
            servers.append(server.group(1)).append("server 127.0.0.1:").append(p).append(server.group(2)).append(";\n");
        }
        String first = server.group();
        String withServers = SERVER.matcher(template.replace(first, "@SERVERS@")).replaceAll("")
                .replace("@SERVERS@", Matcher.quoteReplacement(servers.toString()));
        return LISTEN.matcher(withServers).replaceFirst("listen 127.0.0.1:" + listenPort + ";");
    }

    /** Starts nginx with its files in {@code directory}, in front of the instances on these ports. */
    static Nginx start(Path directory, int... instancePorts) {
        assumeInstalled();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int p : instancePorts) {
                ports.add(p);
            }
            int listen = freePort();
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(conf, config(Files.readString(CONFIG), listen, ports));
            Path log = directory.resolve("nginx.out");
            Process process = new ProcessBuilder(BINARY.toString(), "-p", directory + "/", "-c", conf.toString(),
                    "-g", "daemon off;").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Nginx nginx = new Nginx(process, log, listen);
            Await.until(Duration.ofSeconds(20), () -> !process.isAlive() || nginx.accepts(),
                    "nginx did not open port " + listen);
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + nginx.output());
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String output() {
        try {
            return Files.readString(log) + (Files.exists(log.resolveSibling("error.log"))
                    ? Files.readString(log.resolveSibling("error.log")) : "");
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A request through nginx, with header name/value pairs; a null body sends none. */
    TestServer.Response send(String method, String pathAndQuery, String body, String... headers) {
        return TestServer.send(URI.create("http://127.0.0.1:" + port + pathAndQuery), method,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
