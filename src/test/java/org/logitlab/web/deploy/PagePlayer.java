package org.logitlab.web.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.logitlab.web.TestServer;

/**
 * Plays a run as the page does through a balancer: every step is htmx's POST of the session form (the live run id
 * and its permalink state) with the headers {@code hx-headers} on {@code <main id="lab">} adds; each answer's
 * out-of-band {@code #runref} gives the run id and state the next step sends, and {@code #transport} its step.
 */
final class PagePlayer {
    private final Nginx through;
    private final String affinity;
    private final Set<String> runIds = new LinkedHashSet<>();
    private String run;
    private String state;
    private long step;

    private PagePlayer(Nginx through, String affinity, TestServer.Lab lab, long step) {
        this.through = through;
        this.affinity = affinity;
        remember(lab);
        this.step = step;
    }

    /** Opens the page of {@code query} through nginx, as a browser does. */
    static PagePlayer open(Nginx through, String query) {
        TestServer.Response page = through.send("GET", "/?" + query, null, "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        Document doc = Jsoup.parse(page.body());
        Element lab = doc.selectFirst("main#lab");
        assertNotNull(lab, "<main id=lab>");
        String headers = lab.attr("hx-headers");
        String affinity = TestServer.json(headers).path("X-LogitLab-Run").asText();
        assertEquals(lab.attr("data-run"), affinity, "hx-headers names the page's run: " + headers);
        return new PagePlayer(through, affinity, TestServer.Lab.of(doc), step(doc));
    }

    /** One step forward, which must answer 200 at the next step. */
    void step() {
        TestServer.Response r = through.send("POST", "/lab/step",
                TestServer.encode(Map.of("run", run, "state", state, "count", "1")),
                "Content-Type", "application/x-www-form-urlencoded", "HX-Request", "true", "Accept", "text/html",
                "X-LogitLab-Run", affinity);
        assertEquals(200, r.status(), () -> "step " + (step + 1) + ": " + r.body());
        accept(r.body());
    }

    /** The answer to a step: the next step, and the run id and state the next request sends. */
    private void accept(String html) {
        Document doc = Jsoup.parse(html);
        assertEquals(step + 1, step(doc), () -> "the step the answer shows: " + html);
        step++;
        remember(TestServer.Lab.of(doc));
    }

    /**
     * Opens the play stream through nginx as the page's script does: its address carries the run the lab was
     * rendered with, and each message asks for a step as the session form would.
     */
    Stream openStream() throws Exception {
        return new Stream();
    }

    final class Stream implements AutoCloseable {
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        private Stream() throws Exception {
            socket = TestServer.socket(URI.create("ws://127.0.0.1:" + through.port() + "/lab/stream?run=" + affinity),
                    answers::add);
        }

        /** One step over the socket, which must answer with the next step. */
        void step() throws Exception {
            String ask = JsonNodeFactory.instance.objectNode().put("run", run).put("state", state).put("count", "1")
                    .put("lang", "en").toString();
            socket.sendText(ask, true).get(10, TimeUnit.SECONDS);
            String answer = answers.poll(60, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer on the stream to step " + (step + 1));
            accept(answer);
        }

        @Override
        public void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    void steps(int count) {
        for (int i = 0; i < count; i++) {
            step();
        }
    }

    private void remember(TestServer.Lab lab) {
        run = lab.id();
        state = lab.state();
        runIds.add(run);
    }

    private static long step(Document doc) {
        Element transport = doc.getElementById("transport");
        assertNotNull(transport, "#transport in the answer");
        return Long.parseLong(transport.attr("data-step"));
    }

    String run() {
        return run;
    }

    String state() {
        return state;
    }

    long currentStep() {
        return step;
    }

    /** Every id the run has had: a new one each time an instance rebuilt it from its state. */
    Set<String> runIds() {
        return runIds;
    }
}
