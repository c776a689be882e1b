package org.logitlab.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.logitlab.render.ConfidenceField;
import org.logitlab.render.Palette;

/**
 * Other ways to write the same 0xRRGGBB pixels as a PNG, to weigh against {@code render.PngEncoder}
 * (truecolour, filter None, deflate level 1): {@code javax.imageio}, truecolour with the Up filter, and an
 * indexed (palette) image with the confidence tint quantized to fit 256 colours.
 */
final class PngVariants {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private PngVariants() {
    }

    /** {@code ImageIO.write(…, "png", …)} of a TYPE_INT_RGB image holding the pixels. */
    static byte[] imageIo(int width, int height, int[] rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Truecolour; {@code up} filters every row but the first by subtracting the row above. */
    static byte[] truecolour(int width, int height, int[] rgb, boolean up, int level) {
        int stride = 1 + 3 * width;
        byte[] raw = new byte[height * stride];
        for (int row = 0; row < height; row++) {
            int p = row * stride;
            boolean filtered = up && row > 0;
            raw[p++] = (byte) (filtered ? 2 : 0);
            for (int col = 0; col < width; col++) {
                int c = rgb[row * width + col];
                if (filtered) {
                    int a = rgb[(row - 1) * width + col];
                    raw[p++] = (byte) ((c >>> 16) - (a >>> 16));
                    raw[p++] = (byte) ((c >>> 8) - (a >>> 8));
                    raw[p++] = (byte) (c - a);
                } else {
                    raw[p++] = (byte) (c >>> 16);
                    raw[p++] = (byte) (c >>> 8);
                    raw[p++] = (byte) c;
                }
            }
        }
        return file(width, height, 2, null, deflate(raw, level));
    }

    /**
     * Palette image (colour type 3, 8-bit indices) of a confidence field, with each class's tint quantized to
     * {@code levels} steps of confidence so that K·levels ≤ 256 colours: the same picture as
     * {@code ConfidenceField.colours()} up to a step of 0.5/(levels−1) in the blend, one byte per pixel.
     */
    static byte[] indexed(ConfidenceField field, int levels, int level) {
        int classes = field.classes();
        if (classes * levels > 256) {
            throw new IllegalArgumentException("more than 256 colours");
        }
        byte[] plte = new byte[3 * classes * levels];
        for (int k = 0; k < classes; k++) {
            int c = Palette.rgb(k);
            for (int q = 0; q < levels; q++) {
                double alpha = 0.12 + 0.5 * q / (levels - 1);
                int i = 3 * (k * levels + q);
                plte[i] = (byte) blend(c >>> 16 & 0xFF, alpha);
                plte[i + 1] = (byte) blend(c >>> 8 & 0xFF, alpha);
                plte[i + 2] = (byte) blend(c & 0xFF, alpha);
            }
        }
        int width = field.cells();
        int[] predicted = field.predicted();
        double[] confidence = field.confidence();
        double chance = 1.0 / classes;
        byte[] raw = new byte[width * (1 + width)];
        int p = 0;
        for (int row = 0; row < width; row++) {
            raw[p++] = 0;
            for (int col = 0; col < width; col++) {
                int cell = row * width + col;
                double certainty = Math.max(0, Math.min(1, (confidence[cell] - chance) / (1 - chance)));
                raw[p++] = (byte) (predicted[cell] * levels + (int) Math.round(certainty * (levels - 1)));
            }
        }
        return file(width, width, 3, plte, deflate(raw, level));
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(255 * (1 - alpha) + channel * alpha);
    }

    static int distinctColours(int[] rgb) {
        return (int) Arrays.stream(rgb).distinct().count();
    }

    private static byte[] deflate(byte[] raw, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 4 + 64);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    private static byte[] file(int width, int height, int colourType, byte[] plte, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.length + 1024);
        out.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", header.array());
        if (plte != null) {
            chunk(out, "PLTE", plte);
        }
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
