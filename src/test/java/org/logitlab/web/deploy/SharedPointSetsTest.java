package org.logitlab.web.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.TestServer;

/**
 * Two instances share one data directory (one LOGITLAB_DATA_DIR, a mounted volume): when both save the same large
 * custom point set at the same moment, the one file they leave is whole, and either instance reads the set back
 * exactly.
 */
@Tag("slow")
class SharedPointSetsTest {
    private static final int ROUNDS = 8;
    private static final int SAVERS_PER_INSTANCE = 4;
    private static final int POINTS = 4000;

    @TempDir
    Path shared;

    @Test
    void two_instances_saving_the_same_large_set_at_once_leave_one_whole_file_that_both_read_back() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * SAVERS_PER_INSTANCE);
        try (TestServer a = TestServer.start(shared); TestServer b = TestServer.start(shared)) {
            for (int round = 0; round < ROUNDS; round++) {
                String points = points(new SplittableRandom(round));
                String body = "{\"dataset\": {\"name\": \"custom\", \"points\": " + points + "}, \"classes\": 3}";
                CyclicBarrier start = new CyclicBarrier(2 * SAVERS_PER_INSTANCE);
                List<Future<String>> saves = new ArrayList<>();
                for (int s = 0; s < 2 * SAVERS_PER_INSTANCE; s++) {
                    TestServer on = s % 2 == 0 ? a : b;
                    saves.add(pool.submit(() -> {
                        start.await();
                        return permalinkQuery(on.createRun(body));
                    }));
                }
                Set<String> permalinks = new HashSet<>();
                for (Future<String> save : saves) {
                    permalinks.add(save.get());
                }
                assertEquals(1, permalinks.size(), () -> "one permalink for one set: " + permalinks);
                String query = permalinks.iterator().next();
                assertTrue(query.contains("points=@"), query);
                for (TestServer reader : List.of(a, b)) {
                    TestServer.Lab lab = reader.open(query);
                    JsonNode read = reader.api("/api/runs/" + lab.id() + "/dataset").get("points");
                    assertTrue(Arrays.deepEquals(numbers(TestServer.json(points)), numbers(read)),
                            "the set read back on round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEveryFileIsWholeAndNoTempFileIsLeft();
    }

    private void assertEveryFileIsWholeAndNoTempFileIsLeft() throws IOException, NoSuchAlgorithmException {
        List<Path> files;
        try (Stream<Path> all = Files.list(shared.resolve("points"))) {
            files = all.sorted().toList();
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        assertEquals(ROUNDS, files.size(), () -> "one file per set and nothing else: " + names);
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertTrue(name.matches("[0-9a-f]{64}\\.txt"), name);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertEquals(name.substring(0, 64), digest, "the content of " + name);
        }
    }

    /** A set of {@link #POINTS} points on the 0.01 grid, three classes, as JSON. */
    private static String points(SplittableRandom random) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < POINTS; i++) {
            out.append(i == 0 ? "" : ",").append('[').append(coordinate(random)).append(',')
                    .append(coordinate(random)).append(',').append(random.nextInt(3)).append(']');
        }
        return out.append(']').toString();
    }

    private static String coordinate(SplittableRandom random) {
        return Double.toString(random.nextInt(-500, 501) / 100.0);
    }

    private static double[][] numbers(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new double[] {row.get(0).doubleValue(), row.get(1).doubleValue(), row.get(2).doubleValue()};
        }
        return out;
    }

    private static String permalinkQuery(JsonNode state) {
        return state.get("permalink").asText().substring(2);
    }
}
