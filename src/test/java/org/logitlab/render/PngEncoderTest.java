package org.logitlab.render;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The palette PNG writer, read back by ImageIO: every pixel is the index written, whatever its neighbours. */
class PngEncoderTest {

    @Property(tries = 200)
    void every_pixel_decodes_to_the_palette_index_it_was_given(@ForAll @IntRange(min = 1, max = 60) int width,
                                                                @ForAll @IntRange(min = 1, max = 60) int height,
                                                                @ForAll @IntRange(min = 1, max = 256) int colours,
                                                                @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] palette = new byte[3 * colours];
        random.nextBytes(palette);
        byte[] indices = new byte[width * height];
        // Runs, steps of ±1 and jumps across the whole palette (and across the byte's wrap-around in the filter).
        int index = random.nextInt(colours);
        for (int i = 0; i < indices.length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> index = random.nextInt(colours);
                case 1 -> index = Math.min(colours - 1, index + 1);
                case 2 -> index = Math.max(0, index - 1);
                default -> { }
            }
            indices[i] = (byte) index;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                PngEncoder.indexed(width, height, indices, palette)));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        assertTrue(image.getColorModel() instanceof IndexColorModel, "a palette image");
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(indices[y * width + x] & 0xFF, image.getRaster().getSample(x, y, 0),
                        "pixel (" + x + ", " + y + ")");
            }
        }
    }
}
