package uk.gov.hertfordshire.cases.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import org.springframework.http.HttpStatus;

/**
 * Turns an uploaded file into a photo fit to store, or refuses it saying why. The file must claim
 * JPEG or PNG, start with that type's signature, declare no more pixels than allowed (read from the
 * header, before decoding), and decode completely: the JDK's JPEG reader only <em>warns</em> about
 * a truncated file and returns a partly grey image, so any warning refuses the photo. What is
 * stored is the decoded pixels encoded afresh in the same type, which drops every piece of metadata
 * (EXIF with GPS, XMP, comments, PNG text chunks) and anything hidden after the image.
 */
final class PhotoSanitiser {

    /** A photo that passed, re-encoded. */
    record CleanPhoto(PhotoType type, byte[] bytes, int width, int height) {}

    private final PhotoProperties limits;
    private final DecodeBudget budget;

    PhotoSanitiser(PhotoProperties limits, DecodeBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    /**
     * @param claimedContentType the Content-Type the upload was sent with
     * @param bytes the file as uploaded
     * @throws PhotoRefused saying what is wrong with it
     */
    CleanPhoto sanitise(String claimedContentType, byte[] bytes) {
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
        if (bytes.length > max) {
            throw new PhotoRefused(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Photo too large",
                    "The photo is "
                            + bytes.length
                            + " bytes; at most "
                            + max
                            + " bytes"
                            + (max % (1024 * 1024) == 0 ? " (" + max / (1024 * 1024) + " MB)" : "")
                            + " are accepted.");
        }
        if (bytes.length == 0) {
            throw notAnImage("The photo is empty.");
        }
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
        return decodeAndReencode(actual, bytes);
    }

    private CleanPhoto decodeAndReencode(PhotoType type, byte[] bytes) {
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
            try (DecodeBudget.Reservation room =
                    budget.reserve(memoryNeeded(bytes.length, decodedSize, orientation))) {
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
                return new CleanPhoto(
                        type, encode(type, image), image.getWidth(), image.getHeight());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The most memory one photo takes while it is cleaned, every allocation counted: the upload
     * (held by the request) and the reader's cached copy of it, then the larger of two moments:
     * decoded and turned upright at once (a second full-size image, 4 bytes a pixel when the
     * decoded type has no standard form), or the upright image being re-encoded (the encoder's
     * output, buffered twice, allowed a quarter of the pixels' size: a JPEG at quality 0.9 is well
     * under that).
     */
    static long memoryNeeded(long uploadBytes, Decoded decoded, int orientation) {
        long upload = 2 * uploadBytes;
        long encoding = decoded.bytes() / 4;
        if (orientation == ExifOrientation.UPRIGHT) {
            return upload + decoded.bytes() + encoding;
        }
        return upload
                + Math.max(
                        decoded.bytes() + decoded.turnedBytes(), decoded.turnedBytes() + encoding);
    }

    /**
     * What a decoded image takes, and what it takes turned.
     *
     * @param bytes pixels times the bits per pixel of the reader's type
     * @param turnedBytes the same image turned ({@link ExifOrientation#upright})
     */
    record Decoded(long bytes, long turnedBytes) {}

    private static Decoded decoded(ImageReader reader, long pixels) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        ImageTypeSpecifier first = types.hasNext() ? types.next() : null;
        int bitsPerPixel = first == null ? 32 : first.getColorModel().getPixelSize();
        long bytes = pixels * Math.max(8, bitsPerPixel) / 8;
        boolean standard =
                first != null && first.getBufferedImageType() != BufferedImage.TYPE_CUSTOM;
        return new Decoded(bytes, standard ? bytes : pixels * 4);
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
