package org.logitlab.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load on the play stream ({@code /lab/stream}): each connection opens a page's run (a GET of the
 * playground, as a browser does), then keeps one step message in flight on its own WebSocket for the whole run,
 * sending the next as soon as the answer is in, as the page's play does. Prints answers per second, p50/p99 of the
 * time from message to answer, and errors (an answer without the step fragments, or a refusal). Needs only the JDK,
 * so {@code src/bench/load/run.sh} runs it from source:
 *
 * <pre>
 * java src/bench/java/org/logitlab/bench/StreamLoad.java --url http://localhost:7070 --connections 32 --seconds 20
 * </pre>
 */
public final class StreamLoad {
    private static final Pattern RUN = Pattern.compile("name=\"run\" value=\"([0-9a-f]+)\"");
    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]*)\"");

    private StreamLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:7070";
        int connections = 32;
        int seconds = 20;
        int warmup = 0;
        String run = "dataset=blobs&n=1000&classes=5";
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--url" -> base = args[++a];
                case "--connections" -> connections = Integer.parseInt(args[++a]);
                case "--seconds" -> seconds = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                case "--run" -> run = args[++a];
                default -> throw new IllegalArgumentException("unknown argument " + args[a]);
            }
        }
        if (warmup > 0) {
            measure(base, run, connections, warmup);
        }
        Result r = measure(base, run, connections, seconds);
        List<Long> sorted = new ArrayList<>(r.latencies());
        Collections.sort(sorted);
        System.out.printf("stream\t%d connections\t%d s\t%.0f answers/s\tp50 %.1f ms\tp99 %.1f ms\terrors %d%n",
                connections, seconds, r.latencies().size() / (double) seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), r.errors());
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    private record Result(List<Long> latencies, long errors) {
    }

    private static Result measure(String base, String run, int connections, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(connections);
        List<WebSocket> sockets = new ArrayList<>();
        List<Player> players = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/?" + run)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher id = RUN.matcher(page);
            Matcher state = STATE.matcher(page);
            if (!id.find() || !state.find()) {
                throw new IllegalStateException("no run on the page at " + base);
            }
            String message = "{\"run\":\"" + id.group(1) + "\",\"state\":\"" + state.group(1).replace("&amp;", "&")
                    + "\",\"count\":\"1\",\"lang\":\"en\"}";
            Player player = new Player(message, end, latencies, errors, done);
            players.add(player);
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(base.replaceFirst("^http", "ws")
                    + "/lab/stream"), player).get(10, TimeUnit.SECONDS));
        }
        for (int c = 0; c < connections; c++) {
            players.get(c).send(sockets.get(c));
        }
        done.await(seconds + 30L, TimeUnit.SECONDS);
        for (WebSocket s : sockets) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        return new Result(new ArrayList<>(latencies), errors.get());
    }

    /** One connection's play: the next step as soon as the last answer is in, until the time is up. */
    private static final class Player implements WebSocket.Listener {
        private final String message;
        private final long end;
        private final List<Long> latencies;
        private final AtomicLong errors;
        private final CountDownLatch done;
        private final StringBuilder text = new StringBuilder();
        private long sent;

        Player(String message, long end, List<Long> latencies, AtomicLong errors, CountDownLatch done) {
            this.message = message;
            this.end = end;
            this.latencies = latencies;
            this.errors = errors;
            this.done = done;
        }

        void send(WebSocket socket) {
            sent = System.nanoTime();
            socket.sendText(message, true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.nanoTime();
                String answer = text.toString();
                text.setLength(0);
                if (answer.contains("id=\"transport\"") && !answer.contains("class=\"message shown\"")) {
                    latencies.add(now - sent);
                } else {
                    errors.incrementAndGet();
                }
                if (now < end) {
                    send(socket);
                } else {
                    done.countDown();
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            errors.incrementAndGet();
            done.countDown();
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
