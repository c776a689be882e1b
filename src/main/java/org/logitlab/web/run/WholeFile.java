package org.logitlab.web.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file written whole or not at all: to a temporary file beside it, forced to disk, renamed over its name, and the
 * directory forced too, so that a crash leaves either the old file or the new one. What a crash can leave behind is
 * a temporary file, named with the suffix {@value #TEMPORARY}.
 */
final class WholeFile {
    static final String TEMPORARY = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(WholeFile.class);

    private WholeFile() {
    }

    /** Writes {@code bytes} as {@code file}, through a temporary file whose name starts with {@code prefix}. */
    static void write(Path file, String prefix, byte[] bytes) throws IOException {
        Path directory = file.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(directory, prefix, TEMPORARY);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Deletes {@code p} if it is there (nothing for null), logging a failure rather than throwing it. */
    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }
}
