package org.logitlab.web.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Ways a saved point-set file goes bad on disk, for the tests that check the store notices. */
public enum Damage {
    ONE_DIGIT_EDITED, TRUNCATED, EMPTIED, NOT_UTF_8, A_DIRECTORY_IN_ITS_PLACE;

    public void apply(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (this) {
            case ONE_DIGIT_EDITED -> {
                int at = new String(bytes, StandardCharsets.US_ASCII).indexOf('1');
                bytes[at] = '2';
                Files.write(file, bytes);
            }
            case TRUNCATED -> Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            case EMPTIED -> Files.write(file, new byte[0]);
            case NOT_UTF_8 -> {
                bytes[3] = (byte) 0xff;
                bytes[4] = (byte) 0xfe;
                Files.write(file, bytes);
            }
            case A_DIRECTORY_IN_ITS_PLACE -> {
                Files.delete(file);
                Files.createDirectory(file);
            }
        }
    }
}
