package org.logitlab.web.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.web.input.FieldError;

/** Saved point sets: checked on load, written whole or not at all, kept within a quota by least recent use. */
class PointStoreTest {
    @TempDir
    Path data;
    private Instant now = Instant.parse("2026-11-01T08:00:00Z");

    private PointStore store(PointStore.Quota quota) {
        return new PointStore(data, quota, new Clock() {
            @Override
            public Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    private PointStore store() {
        return store(PointStore.Quota.DEFAULT);
    }

    /** A set of {@code n} points whose text is about 20 × n bytes, different for each {@code seed}. */
    private static String points(int n, int seed) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : ";").append(seed).append('.').append(i).append(",-1.25,").append(i % 2);
        }
        return text.toString();
    }

    private Path file(String id) {
        return data.resolve("points").resolve(id + ".txt");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("points"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_set_saved_twice_is_one_file_that_loads_back_the_same_text() throws IOException {
        PointStore store = store();
        String text = points(100, 1);
        String id = store.save(text);
        assertEquals(id, store.save(text));
        assertEquals(List.of(id + ".txt"), names());
        assertEquals(Optional.of(text), store.load(id));
        assertEquals(Optional.of(text), store().load(id), "after a restart too");
    }

    @Test
    void an_unknown_or_malformed_id_loads_nothing() {
        PointStore store = store();
        assertEquals(Optional.empty(), store.load("0".repeat(64)));
        assertEquals(Optional.empty(), store.load("../../etc/passwd"));
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void a_damaged_set_is_refused_naming_points_and_saying_it_is_damaged(Damage damage) throws IOException {
        PointStore store = store();
        String id = store.save(points(100, 7));
        damage.apply(file(id));

        FieldError e = assertThrows(FieldError.class, () -> store.load(id));
        assertEquals("points", e.field());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertThrows(FieldError.class, () -> store().load(id), "after a restart too");
    }

    @Test
    void saving_a_damaged_set_again_repairs_it() throws IOException {
        PointStore store = store();
        String text = points(100, 7);
        String id = store.save(text);
        Damage.ONE_DIGIT_EDITED.apply(file(id));
        assertEquals(id, store.save(text));
        assertEquals(Optional.of(text), store.load(id));
    }

    @Test
    void a_data_directory_that_is_a_file_is_reported_at_startup_and_refuses_saves_as_storage_unavailable()
            throws IOException {
        Path notADirectory = Files.writeString(data.resolve("data"), "not a directory");
        PointStore store = new PointStore(notADirectory, PointStore.Quota.DEFAULT);
        FieldError e = assertThrows(FieldError.class, () -> store.save(points(100, 1)));
        assertEquals("points", e.field());
        assertEquals(503, e.status());
        assertEquals("not a directory", Files.readString(notADirectory));
    }

    @Test
    void a_write_that_fails_at_the_rename_leaves_no_temporary_file() throws IOException {
        PointStore store = store();
        String text = points(100, 3);
        String id = PointStore.sha256(text);
        Files.createDirectories(file(id));
        Files.writeString(file(id).resolve("in-the-way"), "x");

        assertEquals(503, assertThrows(FieldError.class, () -> store.save(text)).status());
        assertEquals(List.of(id + ".txt"), names(), "only what was there before");
    }

    @Test
    void temporary_files_left_by_a_crash_are_removed_at_startup_but_not_another_instances_save_in_progress()
            throws IOException {
        String id = store().save(points(100, 1));
        Path leftover = Files.writeString(data.resolve("points").resolve(id + "123.tmp"), "half");
        Files.setLastModifiedTime(leftover, FileTime.from(now.minus(Duration.ofHours(1))));
        Path inProgress = Files.writeString(data.resolve("points").resolve(id + "456.tmp"), "being written");
        Files.setLastModifiedTime(inProgress, FileTime.from(now));
        store();
        assertFalse(Files.exists(leftover), "an hour-old temporary file is a crash's");
        assertTrue(Files.exists(inProgress), "a second-old one may be another instance's save");
        assertEquals(List.of(id + ".txt", id + "456.tmp"), names());
    }

    @Test
    void two_stores_on_one_directory_keep_within_one_quota_by_recounting_it_when_they_save() throws IOException {
        long oneSet = points(100, 1).length();
        PointStore.Quota quota = new PointStore.Quota(3 * oneSet + oneSet / 2, 1000);
        PointStore first = store(quota);
        PointStore second = store(quota);
        String a = first.save(points(100, 1));
        String b = first.save(points(100, 2));
        String c = second.save(points(100, 3));
        String d = second.save(points(100, 4));
        assertEquals(4, names().size(), "neither store has seen the other's sets yet");

        now = now.plus(Duration.ofMinutes(1));
        String e = first.save(points(100, 5));
        // The first store recounted the directory before keeping within the quota: three sets, the oldest gone.
        assertEquals(List.of(c, d, e).stream().map(id -> id + ".txt").sorted().toList(), names(),
                "a and b were the least recently used of " + List.of(a, b, c, d, e));
    }

    @Test
    void over_its_quota_of_bytes_the_store_deletes_the_least_recently_used_sets() throws IOException {
        long oneSet = points(100, 1).length();
        PointStore store = store(new PointStore.Quota(3 * oneSet + oneSet / 2, 1000));
        String a = store.save(points(100, 1));
        String b = store.save(points(100, 2));
        String c = store.save(points(100, 3));
        store.load(a);
        String d = store.save(points(100, 4));

        assertEquals(List.of(a, c, d).stream().map(id -> id + ".txt").sorted().toList(), names());
        assertEquals(Optional.empty(), store.load(b));
    }

    @Test
    void over_its_quota_of_files_the_store_deletes_the_least_recently_used_sets() throws IOException {
        PointStore store = store(new PointStore.Quota(1L << 30, 2));
        String a = store.save(points(100, 1));
        String b = store.save(points(100, 2));
        store.save(points(100, 1));
        String c = store.save(points(100, 3));
        assertEquals(List.of(a, c).stream().map(id -> id + ".txt").sorted().toList(), names(),
                "saving a set again counts as a use");
        assertEquals(Optional.empty(), store.load(b));
    }

    @Test
    void the_order_of_use_survives_a_restart() throws IOException {
        PointStore first = store();
        String a = first.save(points(100, 1));
        String b = first.save(points(100, 2));
        first.load(a);

        long oneSet = points(100, 1).length();
        PointStore restarted = store(new PointStore.Quota(2 * oneSet + oneSet / 2, 1000));
        String c = restarted.save(points(100, 3));
        assertEquals(List.of(a, c).stream().map(id -> id + ".txt").sorted().toList(), names(),
                "b was used least recently, before the restart");
        assertTrue(restarted.load(b).isEmpty());
    }
}
