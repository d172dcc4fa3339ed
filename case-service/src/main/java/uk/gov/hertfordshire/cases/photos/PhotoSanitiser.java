package uk.gov.hertfordshire.cases.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;

/**
 * Turns an uploaded file into a photo fit to store, or refuses it saying why. The file must claim
 * JPEG or PNG, start with that type's signature, declare no more pixels than allowed (read from the
 * header, before decoding), and decode completely: the JDK's JPEG reader only <em>warns</em> about
 * a truncated file and returns a partly grey image, so any warning refuses the photo. What is
 * stored is the decoded pixels encoded afresh in the same type, which drops every piece of metadata
 * (EXIF with GPS, XMP, comments, PNG text chunks) and anything hidden after the image.
 *
 * <p>Memory is reserved before it is taken: the upload's size from one budget before its bytes are
 * read into memory, then what decoding takes ({@link #memoryNeeded}) from another once its header
 * is read, both held until the clean photo has been kept. Two budgets, taken in that order, so an
 * upload holding the first never waits on one that holds the second.
 */
final class PhotoSanitiser {

    /** A photo that passed, re-encoded. */
    record CleanPhoto(PhotoType type, byte[] bytes, int width, int height) {}

    private final PhotoProperties limits;
    private final MemoryBudget uploads;
    private final MemoryBudget decodes;

    PhotoSanitiser(PhotoProperties limits, MemoryBudget uploads, MemoryBudget decodes) {
        this.limits = limits;
        this.uploads = uploads;
        this.decodes = decodes;
    }

    /** A photo already in memory, cleaned and handed back. */
    CleanPhoto sanitise(String claimedContentType, byte[] bytes) {
        return sanitise(
                claimedContentType, bytes.length, new ByteArrayResource(bytes), clean -> clean);
    }

    /**
     * Cleans an upload not yet read into memory and hands it to {@code keep} while the memory it
     * takes is still reserved.
     *
     * @param claimedContentType the Content-Type the upload was sent with
     * @param size the upload's size in bytes
     * @param upload the file as uploaded
     * @param keep what is done with the clean photo (stored), before its memory is released
     * @throws PhotoRefused saying what is wrong with it
     */
    <T> T sanitise(
            String claimedContentType,
            long size,
            InputStreamSource upload,
            Function<CleanPhoto, T> keep) {
        PhotoType claimed =
                PhotoType.fromMediaType(claimedContentType)
                        .orElseThrow(
                                () ->
                                        new PhotoRefused(
                                                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                                "Unsupported photo type",
                                                "A photo must be sent as image/jpeg or image/png;"
                                                        + " this one was sent as '"
                                                        + printable(claimedContentType)
                                                        + "'."));
        long max = limits.maxBytes().toBytes();
        if (size > max) {
            throw tooLarge(size, max);
        }
        if (size <= 0) {
            throw notAnImage("The photo is empty.");
        }
        try (MemoryBudget.Reservation held = uploads.reserve(size)) {
            byte[] bytes = read(upload, size);
            return check(claimed, bytes, keep);
        }
    }

    private <T> T check(PhotoType claimed, byte[] bytes, Function<CleanPhoto, T> keep) {
        PhotoType actual =
                PhotoType.sniff(bytes)
                        .orElseThrow(
                                () ->
                                        notAnImage(
                                                "The photo is not a JPEG or PNG image: its bytes"
                                                        + " do not start as a "
                                                        + claimed.name()
                                                        + " file does."));
        if (actual != claimed) {
            throw notAnImage(
                    "The photo was sent as "
                            + claimed.mediaType()
                            + " but its bytes are a "
                            + actual.name()
                            + " image.");
        }
        try (Reserved reserved = decodeAndReencode(actual, bytes)) {
            return keep.apply(reserved.photo());
        }
    }

    /** A clean photo and the memory reserved for it, released when the photo has been kept. */
    private record Reserved(CleanPhoto photo, MemoryBudget.Reservation room)
            implements AutoCloseable {
        @Override
        public void close() {
            room.close();
        }
    }

    private Reserved decodeAndReencode(PhotoType type, byte[] bytes) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(type.imageIoFormat()).next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // Metadata is never read: it is not kept, and a PNG's compressed text chunks are a
            // decompression bomb of their own.
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width;
            int height;
            Decoded decodedSize;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                decodedSize = decoded(reader, (long) width * height);
            } catch (IOException | RuntimeException e) {
                throw cannotDecode(type);
            }
            if ((long) width * height > limits.maxPixels()) {
                throw notAnImage(
                        "The photo is "
                                + width
                                + " x "
                                + height
                                + " pixels; at most "
                                + limits.maxPixels()
                                + " pixels (width x height) are accepted.");
            }
            int orientation =
                    type == PhotoType.JPEG ? ExifOrientation.of(bytes) : ExifOrientation.UPRIGHT;
            MemoryBudget.Reservation room =
                    decodes.reserve(memoryNeeded(bytes.length, decodedSize, orientation));
            try {
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    // The readers also throw unchecked exceptions on malformed input.
                    throw cannotDecode(type);
                }
                if (!warnings.isEmpty()) {
                    throw notAnImage(
                            "The photo is damaged or incomplete: decoding it reported '"
                                    + String.join("', '", warnings)
                                    + "'.");
                }
                image = ExifOrientation.upright(image, orientation);
                return new Reserved(
                        new CleanPhoto(
                                type, encode(type, image), image.getWidth(), image.getHeight()),
                        room);
            } catch (RuntimeException refused) {
                room.close();
                throw refused;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The most memory decoding one photo takes, every allocation counted (the upload itself is
     * counted apart, before it is read): the reader's cached copy of the upload and the decoded
     * image, then the upright image and the encoder's output (buffered twice, allowed a quarter of
     * the pixels' size: a JPEG at quality 0.9 is well under that). An image is turned upright in
     * place ({@link ExifOrientation#upright}); only one whose pixels are not stored interleaved in
     * one array is copied when turned a quarter, and then both images are held at once.
     */
    static long memoryNeeded(long uploadBytes, Decoded decoded, int orientation) {
        long encoding = decoded.bytes() / 4;
        if (orientation < 5 || decoded.turnedCopyBytes() == 0) {
            return uploadBytes + decoded.bytes() + encoding;
        }
        return uploadBytes
                + Math.max(
                        decoded.bytes() + decoded.turnedCopyBytes(),
                        decoded.turnedCopyBytes() + encoding);
    }

    /**
     * What a decoded image takes, and what a copy of it turned a quarter takes.
     *
     * @param bytes pixels times the bits per pixel of the reader's type
     * @param turnedCopyBytes 0 if the image is turned in place ({@link
     *     ExifOrientation#turnsInPlace}), else the size of the turned copy
     */
    record Decoded(long bytes, long turnedCopyBytes) {}

    private static Decoded decoded(ImageReader reader, long pixels) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        ImageTypeSpecifier first = types.hasNext() ? types.next() : null;
        int bitsPerPixel = first == null ? 32 : first.getColorModel().getPixelSize();
        long bytes = pixels * Math.max(8, bitsPerPixel) / 8;
        boolean inPlace = first != null && ExifOrientation.turnsInPlace(first.getSampleModel(1, 1));
        return new Decoded(bytes, inPlace ? 0 : bytes);
    }

    /** At most the size reserved: a stream longer than it said is cut, and fails to decode. */
    private static byte[] read(InputStreamSource upload, long size) {
        try (InputStream in = upload.getInputStream()) {
            return in.readNBytes((int) size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PhotoRefused tooLarge(long size, long max) {
        return new PhotoRefused(
                HttpStatus.CONTENT_TOO_LARGE,
                "Photo too large",
                "The photo is "
                        + size
                        + " bytes; at most "
                        + max
                        + " bytes"
                        + (max % (1024 * 1024) == 0 ? " (" + max / (1024 * 1024) + " MB)" : "")
                        + " are accepted.");
    }

    private byte[] encode(PhotoType type, BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type.imageIoFormat()).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == PhotoType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(limits.jpegQuality());
            }
            // No metadata and no thumbnails: the writer puts only what the format requires.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static PhotoRefused notAnImage(String detail) {
        return new PhotoRefused(HttpStatus.UNPROCESSABLE_CONTENT, "Photo not accepted", detail);
    }

    private static PhotoRefused cannotDecode(PhotoType type) {
        return notAnImage(
                "The photo is damaged or incomplete and cannot be decoded as " + type.name() + ".");
    }

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String visible = value.replaceAll("[^\\x20-\\x7e]", "?");
        return visible.length() > 100 ? visible.substring(0, 100) + "..." : visible;
    }
}
