package org.logitlab.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal palette PNG writer (8-bit indices, no filtering, fastest deflate). The confidence field is small and
 * smooth, so one byte per pixel and the fastest compression beat both truecolour and {@code javax.imageio}, which
 * the rendering benchmark compares.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    private static final byte[] NO_DATA = new byte[0];

    private PngEncoder() {
    }

    /**
     * Encodes palette indices (row-major, top row first) as a PNG file.
     *
     * @param palette the colours as RGB byte triples, at most 256 of them
     */
    public static byte[] indexed(int width, int height, byte[] indices, byte[] palette) {
        if (indices.length != width * height || palette.length % 3 != 0 || palette.length > 3 * 256) {
            throw new IllegalArgumentException("indices must be width·height, palette at most 256 RGB triples");
        }
        byte[] raw = new byte[height * (1 + width)];
        for (int y = 0; y < height; y++) {
            // Each row starts with its filter type, 0 (none).
            System.arraycopy(indices, y * width, raw, y * (1 + width) + 1, width);
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 4 + 64);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();

        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + palette.length + 64);
        out.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "PLTE", palette);
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", NO_DATA);
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
