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
 * Other ways to write the confidence field as a PNG, to weigh against {@code render.PngEncoder}'s palette image:
 * truecolour (filter None or Up, deflate level 1 or 6) and {@code javax.imageio}, of either the unquantized
 * colours or the palette's own.
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
     * The field's colours before quantization: white blended towards the class colour by
     * 0.12 + 0.5·(p − 1/K)/(1 − 1/K), each channel rounded once. The app's palette picture is this up to half a
     * step of its confidence levels.
     */
    static int[] exactColours(ConfidenceField field) {
        double chance = 1.0 / field.classes();
        int[] rgb = new int[field.predicted().length];
        for (int i = 0; i < rgb.length; i++) {
            double alpha = 0.12 + 0.5 * Math.max(0, Math.min(1, (field.confidence()[i] - chance) / (1 - chance)));
            int c = Palette.rgb(field.predicted()[i]);
            rgb[i] = blend(c >>> 16 & 0xFF, alpha) << 16 | blend(c >>> 8 & 0xFF, alpha) << 8 | blend(c & 0xFF, alpha);
        }
        return rgb;
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
