package org.logitlab.web.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.logitlab.text.Reason;
import org.logitlab.web.input.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Custom point sets too large for a sensible URL, saved on disk under the SHA-256 of their text so that their
 * permalinks survive a restart. Content-addressed: saving the same set twice writes one file.
 *
 * <p>It checks itself. A set is loaded only if its bytes still hash to its name, so an edited, truncated or emptied
 * file is reported as damaged rather than read as other data. A file is written whole or not at all
 * ({@link WholeFile}), so that a crash leaves either the old state or the new. The store keeps within a {@link Quota} of bytes and files by deleting the sets
 * used least recently (a load counts as a use, kept in the file's modification time so that it survives a
 * restart). A disk that cannot be written is refused as unavailable (503, naming {@code points}), never as a server
 * error.
 */
public final class PointStore {
    /**
     * The most the store keeps. A set of 5000 points is at most about 225 KB; the defaults keep tens of thousands
     * of ordinary sets, and bound what a client saving new sets in a loop can take.
     */
    public record Quota(long maxBytes, int maxFiles) {
        public static final Quota DEFAULT = new Quota(200L * 1024 * 1024, 20_000);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PointStore.class);
    private static final String SUFFIX = ".txt";
    /** A temporary file older than this at startup was left by a crash, not by a save in progress. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /**
     * How stale this store's account of the directory may be when it saves: other instances behind a balancer save
     * into the same directory, so a save recounts it (names, sizes, last uses) at most this often.
     */
    private static final Duration RECOUNT_EVERY = Duration.ofSeconds(30);

    private final Path directory;
    private final Quota quota;
    private final Clock clock;
    /** Sizes of the saved sets, least recently used first. */
    private final LinkedHashMap<String, Long> sizes = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;
    private Instant countedAt = Instant.MIN;

    public PointStore(Path dataDirectory, Quota quota) {
        this(dataDirectory, quota, Clock.systemUTC());
    }

    /** With a clock, so that tests can order uses without waiting. */
    PointStore(Path dataDirectory, Quota quota, Clock clock) {
        this.directory = dataDirectory.resolve("points");
        this.quota = quota;
        this.clock = clock;
        open();
    }

    /** Saves the encoded point set and returns its id (64 hex digits). */
    public synchronized String save(String encodedPoints) {
        byte[] bytes = encodedPoints.getBytes(StandardCharsets.UTF_8);
        String id = sha256(bytes);
        Path file = file(id);
        if (intact(file, id)) {
            touch(id, file, bytes.length);
            return id;
        }
        try {
            Files.createDirectories(directory);
            WholeFile.write(file, id, bytes);
        } catch (IOException e) {
            LOG.warn("could not save a point set in {}: {}", directory, e.toString());
            throw new FieldError(FieldError.Kind.UNAVAILABLE, "points", "error.points.cannotSave");
        }
        if (clock.instant().isAfter(countedAt.plus(RECOUNT_EVERY))) {
            try {
                count();
            } catch (IOException e) {
                LOG.warn("could not recount the point sets in {}: {}", directory, e.toString());
            }
        }
        touch(id, file, bytes.length);
        keepWithinQuota(id);
        return id;
    }

    /**
     * The encoded point set saved under {@code id}, if there is one; a set whose file no longer matches its
     * SHA-256 (edited, truncated, emptied, replaced by a directory) is refused as damaged, naming {@code points}.
     */
    public synchronized Optional<String> load(String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path file = file(id);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            forget(id);
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw damaged(id, Reason.of("error.points.damaged.directory"));
            }
            LOG.warn("could not read point set {}: {}", file, e.toString());
            throw new FieldError(FieldError.Kind.UNAVAILABLE, "points", "error.points.cannotRead");
        }
        if (!sha256(bytes).equals(id)) {
            throw damaged(id, Reason.of("error.points.damaged.checksum", bytes.length));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw damaged(id, Reason.of("error.points.damaged.text"));
        }
        touch(id, file, bytes.length);
        return Optional.of(text);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }

    private FieldError damaged(String id, Reason why) {
        LOG.warn("point set {} is damaged: {}", id, why.key());
        return FieldError.invalid("points", Reason.of("error.points.damaged", id.substring(0, 12), why));
    }

    /** True when {@code file} holds exactly the set named {@code id}: then saving it again writes nothing. */
    private static boolean intact(Path file, String id) {
        try {
            return Files.isRegularFile(file) && sha256(Files.readAllBytes(file)).equals(id);
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks a set as just used: newest in the order of eviction, and in its file's time for after a restart. */
    private void touch(String id, Path file, long bytes) {
        Long before = sizes.put(id, bytes);
        totalBytes += bytes - (before == null ? 0 : before);
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            // A read-only disk still serves its sets; only the order of eviction after a restart is lost.
            LOG.debug("could not mark {} as used: {}", file, e.toString());
        }
    }

    private void forget(String id) {
        Long bytes = sizes.remove(id);
        totalBytes -= bytes == null ? 0 : bytes;
    }

    /** Deletes the least recently used sets, never {@code keep}, while the store is over its quota. */
    private void keepWithinQuota(String keep) {
        Iterator<Map.Entry<String, Long>> oldest = sizes.entrySet().iterator();
        while ((totalBytes > quota.maxBytes() || sizes.size() > quota.maxFiles()) && oldest.hasNext()) {
            Map.Entry<String, Long> e = oldest.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            try {
                Files.deleteIfExists(file(e.getKey()));
            } catch (IOException failure) {
                LOG.warn("could not delete point set {} to keep within the quota: {}", e.getKey(),
                        failure.toString());
                return;
            }
            totalBytes -= e.getValue();
            oldest.remove();
        }
    }

    /**
     * Checks the directory at startup and learns what it holds, oldest use first. A directory that cannot be used
     * is logged, not fatal: the server runs, and saving a large set answers 503 until it is fixed.
     */
    private void open() {
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, "probe", WholeFile.TEMPORARY));
            try (DirectoryStream<Path> temporary = Files.newDirectoryStream(directory, "*" + WholeFile.TEMPORARY)) {
                for (Path p : temporary) {
                    // Left by a crash. A recent one may be another instance's save in progress (a shared
                    // directory behind a balancer): it is renamed or deleted by that instance within seconds.
                    if (lastModified(p).toInstant().isBefore(clock.instant().minus(ABANDONED_AFTER))) {
                        WholeFile.deleteQuietly(p);
                    }
                }
            }
            count();
            keepWithinQuota(null);
            LOG.info("point sets: {} in {} ({} KB of {} MB, {} files allowed)", sizes.size(), directory,
                    totalBytes / 1024, quota.maxBytes() / (1024 * 1024), quota.maxFiles());
        } catch (IOException | RuntimeException e) {
            LOG.error("point sets cannot be saved in {} ({}): custom sets too long for a link will be refused with "
                    + "503 until LOGITLAB_DATA_DIR names a writable directory", directory.toAbsolutePath(),
                    e.toString());
        }
    }

    /** Learns what the directory holds, oldest use first: the sets this store saved and any other instance's. */
    private void count() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                if (p.getFileName().toString().matches("[0-9a-f]{64}\\" + SUFFIX) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(PointStore::lastModified));
        LinkedHashMap<String, Long> found = new LinkedHashMap<>();
        long bytes = 0;
        for (Path p : files) {
            try {
                long size = Files.size(p);
                found.put(p.getFileName().toString().substring(0, 64), size);
                bytes += size;
            } catch (NoSuchFileException goneMeanwhile) {
                // another instance kept within the quota: the set is not there to count
            }
        }
        sizes.clear();
        sizes.putAll(found);
        totalBytes = bytes;
        countedAt = clock.instant();
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
