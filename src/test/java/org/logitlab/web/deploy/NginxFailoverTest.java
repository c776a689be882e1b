package org.logitlab.web.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Await;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TrustedProxy;

/**
 * Two instances behind nginx with the project's {@code deploy/nginx.conf}: each run is served by the instance its
 * id hashes to, and when that instance stops, the run goes on on the other one, rebuilt from the state the client
 * sends, with every step answered and the same weights, bit for bit, as one server alone would give.
 */
@Tag("slow")
@Tag("nginx")
class NginxFailoverTest {
    private static final String PAGE = "dataset=spiral&n=300&noise=0.1&classes=3&features=x1,x2,x1*x2"
            + "&optimizer=minibatch&batchSize=20&learningRate=0.3&l2=0.001&testFraction=0.2&seed=5&init=random";
    private static final String CONFIG = """
            {"dataset": {"name": "circles", "n": 400, "noise": 0.15, "seed": 2}, "classes": 2,
             "features": ["x1", "x2", "x1^2", "x2^2"], "optimizer": "sgd", "learningRate": 0.2, "seed": 7}""";
    private static final TrustedProxy LOCAL = TrustedProxy.parse("127.0.0.1");

    @TempDir
    Path shared;
    @TempDir
    Path nginxFiles;
    @TempDir
    Path aloneData;

    @Test
    void a_run_played_through_nginx_goes_on_when_the_instance_holding_it_stops_and_again_when_the_other_does()
            throws Exception {
        Nginx.assumeInstalled();
        try (TestServer a = TestServer.start(Settings.forTests(shared), LOCAL);
             TestServer b = TestServer.start(Settings.forTests(shared), LOCAL);
             Nginx nginx = Nginx.start(nginxFiles, a.port(), b.port());
             TestServer alone = TestServer.start(aloneData)) {
            PagePlayer page = PagePlayer.open(nginx, PAGE);
            TestServer first = holder(page.run(), a, b);
            TestServer second = first == a ? b : a;
            page.steps(6);
            assertEquals(1, page.runIds().size(), "every step reached the instance that holds the run");
            assertSame(first, holder(page.run(), a, b));

            // Stopped mid-play: a step may be in flight while the instance stops.
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::stop);
            page.steps(8);
            stopping.get(60, TimeUnit.SECONDS);
            page.steps(2);
            assertEquals(2, page.runIds().size(), () -> "rebuilt once, on the other instance: " + page.runIds());
            assertSameAsAlone(alone, page.currentStep(), second.run(page.run()));

            first.startAgain();
            awaitServing(nginx, first, second);
            second.stop();
            page.steps(8);
            assertEquals(3, page.runIds().size(), () -> "rebuilt once more, on the first: " + page.runIds());
            assertSameAsAlone(alone, page.currentStep(), first.run(page.run()));
        }
    }

    @Test
    void an_api_run_created_through_nginx_is_served_where_it_was_created_and_goes_on_elsewhere_with_its_state() {
        Nginx.assumeInstalled();
        try (TestServer a = TestServer.start(Settings.forTests(shared), LOCAL);
             TestServer b = TestServer.start(Settings.forTests(shared), LOCAL);
             Nginx nginx = Nginx.start(nginxFiles, a.port(), b.port());
             TestServer alone = TestServer.start(aloneData)) {
            TestServer.Response created = nginx.send("POST", "/api/runs", CONFIG, "Content-Type", "application/json");
            assertEquals(201, created.status(), created.body());
            JsonNode run = created.json();
            String id = run.get("id").asText();
            TestServer holder = holder(id, a, b);
            TestServer other = holder == a ? b : a;
            for (int s = 1; s <= 5; s++) {
                run = apiStep(nginx, run, s);
            }
            // Had any step reached the other instance, it would hold a copy rebuilt from the state.
            assertEquals(404, other.get("/api/runs/" + id).status(), "the other instance never saw the run");

            holder.stop();
            for (int s = 6; s <= 10; s++) {
                run = apiStep(nginx, run, s);
            }
            JsonNode expected = alone.createRun(CONFIG);
            expected = TestServer.ok(alone.postJson("/api/runs/" + expected.get("id").asText() + "/step",
                    "{\"count\": 10}"));
            assertEquals(withoutId(expected), withoutId(other.run(id)), "the same run, bit for bit, under its id");
        }
    }

    @Test
    void the_play_stream_reaches_the_instance_that_holds_the_page_s_run() throws Exception {
        Nginx.assumeInstalled();
        try (TestServer a = TestServer.start(Settings.forTests(shared), LOCAL);
             TestServer b = TestServer.start(Settings.forTests(shared), LOCAL);
             Nginx nginx = Nginx.start(nginxFiles, a.port(), b.port())) {
            // Four pages: had the socket been routed without the run, some of them would have been rebuilt.
            for (int p = 0; p < 4; p++) {
                PagePlayer page = PagePlayer.open(nginx, PAGE);
                page.steps(2);
                try (PagePlayer.Stream stream = page.openStream()) {
                    for (int s = 0; s < 4; s++) {
                        stream.step();
                    }
                }
                page.steps(2);
                assertEquals(1, page.runIds().size(), () -> "steps and stream on one instance: " + page.runIds());
                assertEquals(8, page.currentStep());
            }
        }
    }

    private static JsonNode apiStep(Nginx nginx, JsonNode last, int expectedStep) {
        String path = "/api/runs/" + last.get("id").asText() + "/step?state="
                + URLEncoder.encode(last.get("permalink").asText(), StandardCharsets.UTF_8);
        TestServer.Response r = nginx.send("POST", path, "{\"count\": 1}", "Content-Type", "application/json");
        assertEquals(200, r.status(), () -> "step " + expectedStep + ": " + r.body());
        JsonNode next = r.json();
        assertEquals(expectedStep, next.get("step").asInt());
        assertEquals(last.get("id"), next.get("id"), "the run keeps its id");
        return next;
    }

    /** The one running instance that holds this run. */
    private static TestServer holder(String id, TestServer... instances) {
        TestServer found = null;
        for (TestServer s : instances) {
            if (s.get("/api/runs/" + id).status() == 200) {
                assertEquals(null, found, "two instances hold run " + id);
                found = s;
            }
        }
        assertEquals(true, found != null, "no instance holds run " + id);
        return found;
    }

    /** Waits until nginx sends new pages to {@code back} again (it skips an instance for fail_timeout). */
    private static void awaitServing(Nginx nginx, TestServer back, TestServer other) {
        Await.until(Duration.ofSeconds(30), () -> {
            String id = PagePlayer.open(nginx, "dataset=blobs&n=10").run();
            return back.get("/api/runs/" + id).status() == 200;
        }, "nginx sends no new page to the instance that came back");
    }

    /** The page's run equals the same permalink stepped on one server alone, bit for bit. */
    private static void assertSameAsAlone(TestServer alone, long steps, JsonNode actual) {
        TestServer.Lab lab = alone.open(PAGE);
        JsonNode expected = TestServer.ok(alone.postJson("/api/runs/" + lab.id() + "/step",
                "{\"count\": " + steps + "}"));
        assertEquals(withoutId(expected), withoutId(actual));
    }

    private static JsonNode withoutId(JsonNode state) {
        ObjectNode copy = state.deepCopy();
        copy.remove("id");
        // JsonNode equality compares doubles with Double.compare: bit for bit.
        return copy;
    }
}
