package org.logitlab.web.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Response;
import org.logitlab.web.run.Damage;

/**
 * Point sets too long for a link, over HTTP: a damaged saved set is refused naming {@code points}, never rendered
 * as other data; a store that cannot write answers 503 before any run is built; a page writes a set only when it
 * is new.
 */
class SavedPointSetsTest {
    private static final Pattern SAVED = Pattern.compile("points=@([0-9a-f]{64})");

    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(Path dataDirectory) {
        server = TestServer.start(Settings.forTests(dataDirectory));
        return server;
    }

    /** {@code n} points in the API's form, three classes, inside the plot's extent. */
    private static String points(int n) {
        StringJoiner out = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            out.add("[" + (i % 50) / 10.0 + "," + (i / 50 - 3) + ".125," + i % 3 + "]");
        }
        return out.toString();
    }

    private static String runWith300Points(long step) {
        return "{\"dataset\":{\"name\":\"custom\",\"points\":" + points(300) + "},\"classes\":8,"
                + "\"parameterization\":\"softmax\",\"features\":[\"x1\",\"x2\",\"x1^2\",\"x2^2\",\"x1*x2\","
                + "\"sin(x1)\",\"sin(x2)\"],\"step\":" + step + "}";
    }

    private static String savedId(String permalink) {
        Matcher m = SAVED.matcher(permalink);
        assertTrue(m.find(), permalink);
        return m.group(1);
    }

    private List<Path> savedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("points"))) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void a_permalink_to_a_damaged_set_is_refused_naming_points_and_never_shows_other_data(Damage damage)
            throws IOException {
        start(dir);
        String permalink = server.createRun(runWith300Points(3)).get("permalink").asText();
        damage.apply(dir.resolve("points").resolve(savedId(permalink) + ".txt"));

        Response page = server.get(permalink, "Accept", "text/html");
        assertEquals(400, page.status(), page::body);
        Element message = Jsoup.parse(page.body()).getElementById("message");
        assertNotNull(message, page.body());
        assertEquals("points", message.attr("data-field"));
        assertTrue(message.text().contains("damaged"), message.text());
        ResponseContract.check("GET a permalink to a set " + damage, page);

        Response step = server.postForm("/lab/step", Map.of("run", "gone",
                "state", permalink.substring(2)), "Accept", "application/json");
        assertEquals(400, step.status(), step::body);
        JsonNode error = TestServer.json(step.body());
        assertEquals("points", error.get("field").asText());
        assertTrue(error.get("error").asText().contains("damaged"), step::body);
    }

    @Test
    void a_store_that_cannot_write_answers_503_before_any_replay_and_recovers_once_fixed() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        start(notADirectory);

        // Replaying this run to its last step takes seconds (its work limit); a refusal comes before any of it.
        long started = System.nanoTime();
        Response refused = server.postJson("/api/runs", runWith300Points(68_627));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, refused.status(), refused::body);
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode error = TestServer.json(refused.body());
        assertEquals("points", error.get("field").asText());
        assertTrue(millis < 2000, "refused after " + millis + " ms: the run was built first");

        Files.delete(notADirectory);
        Files.createDirectory(notADirectory);
        JsonNode created = server.createRun(runWith300Points(2));
        assertEquals(2, created.get("step").asInt());
        assertTrue(Files.isRegularFile(notADirectory.resolve("points").resolve(
                savedId(created.get("permalink").asText()) + ".txt")));
    }

    @Test
    void a_page_saves_a_long_set_once_and_opening_its_permalink_writes_nothing() throws IOException {
        start(dir);
        StringJoiner inline = new StringJoiner(";");
        for (int i = 0; i < 200; i++) {
            inline.add((i % 20) / 4.0 + "," + (i / 20 - 5) + ".25," + i % 2);
        }
        Response first = server.get("/?dataset=custom&classes=2&points=" + inline, "Accept", "text/html");
        assertEquals(200, first.status(), first::body);
        String state = runref(first.body()).get("state");
        List<Path> saved = savedFiles();
        assertEquals(1, saved.size());
        String text = Files.readString(saved.get(0));

        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/?" + state, "Accept", "text/html").status());
        }
        assertEquals(saved, savedFiles());
        assertEquals(text, Files.readString(saved.get(0)));
    }

    /** The run id and state fields a page carries. */
    private static Map<String, String> runref(String html) {
        TestServer.Lab lab = TestServer.Lab.of(html);
        return Map.of("run", lab.id(), "state", lab.state());
    }
}
