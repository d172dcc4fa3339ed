package uk.gov.hertfordshire.cases.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images to upload, made here or read from {@code src/test/resources/photos}. */
final class TestPhotos {

    private TestPhotos() {}

    /** A colour gradient with some noise, so it is a realistic thing to compress. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = x * 255 / width;
                int green = y * 255 / height;
                image.setRGB(x, y, red << 16 | green << 8 | noise.nextInt(64));
            }
        }
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    static byte[] gif(int width, int height) {
        return encode(picture(width, height), "gif");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid PNG of exactly {@code total} bytes: a small image padded with a private ancillary
     * chunk ({@code prVt}), which decoders skip, placed before IEND.
     */
    static byte[] pngOfExactly(int total) {
        byte[] base = png(16, 16);
        int iend = base.length - 12;
        int padding = total - base.length - 12;
        if (padding < 0) {
            throw new IllegalArgumentException("too small: " + total);
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put(base, 0, iend);
        out.put(chunk("prVt", new byte[padding]));
        out.put(base, iend, 12);
        return out.array();
    }

    /** A PNG chunk: length, type, data, and the CRC-32 of type and data (PNG spec, 5.3). */
    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** A PNG whose header says it is {@code width × height} pixels, with almost no image data. */
    static byte[] pngDeclaring(int width, int height) {
        byte[] signature = Arrays.copyOf(png(1, 1), 8);
        byte[] header =
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8) // bit depth
                        .put((byte) 2) // colour type: truecolour
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signature);
        out.writeBytes(chunk("IHDR", header));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test photo " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The photo with an APP1 "Exif" segment holding only the orientation, right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {
            (byte) 0xFF,
            (byte) 0xE1,
            0x00,
            0x22, // APP1, length 34 (itself included)
            'E',
            'x',
            'i',
            'f',
            0x00,
            0x00, // identifier and pad
            'M',
            'M',
            0x00,
            0x2A,
            0x00,
            0x00,
            0x00,
            0x08, // big-endian TIFF, IFD0 at offset 8
            0x00,
            0x01, // one entry
            0x01,
            0x12,
            0x00,
            0x03,
            0x00,
            0x00,
            0x00,
            0x01, // tag 274, SHORT, count 1
            0x00,
            (byte) orientation,
            0x00,
            0x00, // the value, left-justified
            0x00,
            0x00,
            0x00,
            0x00 // no next IFD
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(app1, 0, app1.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
