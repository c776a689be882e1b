package org.logitlab.web.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Custom point sets too large for a sensible URL, saved on disk under the SHA-256 of their text so that their
 * permalinks survive a restart. Content-addressed: saving the same set twice writes one file.
 */
public final class PointStore {
    private final Path directory;

    public PointStore(Path dataDirectory) {
        this.directory = dataDirectory.resolve("points");
    }

    /** Saves the encoded point set and returns its id (64 hex digits). */
    public String save(String encodedPoints) {
        String id = sha256(encodedPoints);
        Path file = directory.resolve(id + ".txt");
        if (Files.exists(file)) {
            return id;
        }
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, id, ".tmp");
            Files.writeString(tmp, encodedPoints, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save a point set", e);
        }
    }

    /** The encoded point set saved under {@code id}, if there is one. */
    public Optional<String> load(String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path file = directory.resolve(id + ".txt");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a point set", e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
