package uk.gov.hertfordshire.cases.photos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads where metadata lives in a JPEG or PNG straight from the bytes, independently of the code
 * under test (which uses ImageIO): JPEG marker segments (ITU T.81, B.1.1), the EXIF APP1 segment's
 * TIFF structure and its GPS IFD (EXIF 2.3, 4.6), and PNG chunks (PNG spec, 5.3).
 */
final class ImageMetadata {

    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int GPS_IFD_POINTER = 0x8825;
    private static final int GPS_LATITUDE = 0x0002;
    private static final int GPS_LONGITUDE = 0x0004;
    private static final int RATIONAL = 5;

    private ImageMetadata() {}

    /** A JPEG marker segment before the image data: its marker (0xE0 for APP0...) and payload. */
    record Segment(int marker, byte[] data) {}

    /** The JPEG's marker segments from SOI up to the start of scan. */
    static List<Segment> jpegSegments(byte[] jpeg) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        List<Segment> segments = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("no marker at " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            int length = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            byte[] data = new byte[length - 2];
            System.arraycopy(jpeg, at + 4, data, 0, data.length);
            segments.add(new Segment(marker, data));
            if (marker == SOS) {
                break;
            }
            at += 2 + length;
        }
        return segments;
    }

    /**
     * GPS latitude and longitude from the JPEG's EXIF, as degrees, minutes and seconds each, if
     * there is an EXIF segment with a GPS IFD holding them.
     */
    static Optional<double[][]> jpegGps(byte[] jpeg) {
        for (Segment segment : jpegSegments(jpeg)) {
            if (segment.marker() == APP1 && startsWith(segment.data(), "Exif\0\0")) {
                byte[] tiff = new byte[segment.data().length - 6];
                System.arraycopy(segment.data(), 6, tiff, 0, tiff.length);
                return tiffGps(tiff);
            }
        }
        return Optional.empty();
    }

    /** The GPS position in a TIFF structure (EXIF's body, also a PNG eXIf chunk's data). */
    static Optional<double[][]> tiffGps(byte[] tiff) {
        ByteBuffer buffer = ByteBuffer.wrap(tiff);
        buffer.order(tiff[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int ifd0 = buffer.getInt(4);
        Optional<Integer> gpsIfd = entryValue(buffer, ifd0, GPS_IFD_POINTER);
        if (gpsIfd.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> latitude = entryValue(buffer, gpsIfd.get(), GPS_LATITUDE);
        Optional<Integer> longitude = entryValue(buffer, gpsIfd.get(), GPS_LONGITUDE);
        if (latitude.isEmpty() || longitude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new double[][] {
                    rationals(buffer, latitude.get(), 3), rationals(buffer, longitude.get(), 3)
                });
    }

    /** The value (or, for larger values, the offset) of the IFD entry with the tag, if present. */
    private static Optional<Integer> entryValue(ByteBuffer tiff, int ifd, int tag) {
        int entries = tiff.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if ((tiff.getShort(entry) & 0xFFFF) == tag) {
                int type = tiff.getShort(entry + 2) & 0xFFFF;
                if (tag != GPS_IFD_POINTER && type != RATIONAL) {
                    throw new IllegalArgumentException("tag " + tag + " is not RATIONAL");
                }
                return Optional.of(tiff.getInt(entry + 8));
            }
        }
        return Optional.empty();
    }

    private static double[] rationals(ByteBuffer tiff, int offset, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            long numerator = tiff.getInt(offset + i * 8) & 0xFFFFFFFFL;
            long denominator = tiff.getInt(offset + i * 8 + 4) & 0xFFFFFFFFL;
            values[i] = (double) numerator / denominator;
        }
        return values;
    }

    /** A PNG chunk: its four-letter type and data. */
    record Chunk(String type, byte[] data) {}

    static List<Chunk> pngChunks(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int at = 8;
        while (at + 12 <= png.length) {
            int length = buffer.getInt(at);
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            byte[] data = new byte[length];
            System.arraycopy(png, at + 8, data, 0, length);
            chunks.add(new Chunk(type, data));
            at += 12 + length;
        }
        return chunks;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (data.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (data[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
