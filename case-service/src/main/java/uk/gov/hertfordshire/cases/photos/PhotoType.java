package uk.gov.hertfordshire.cases.photos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The image types accepted, each known by its media type and by the bytes it must start with. */
enum PhotoType {
    JPEG("image/jpeg", "jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", "png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    private final String mediaType;
    private final String imageIoFormat;
    private final String extension;
    private final byte[] signature;

    PhotoType(String mediaType, String imageIoFormat, String extension, byte[] signature) {
        this.mediaType = mediaType;
        this.imageIoFormat = imageIoFormat;
        this.extension = extension;
        this.signature = signature;
    }

    String mediaType() {
        return mediaType;
    }

    String imageIoFormat() {
        return imageIoFormat;
    }

    String extension() {
        return extension;
    }

    /**
     * The type a Content-Type names ({@code image/jpeg; charset=x} counts), if it is one of ours.
     */
    static Optional<PhotoType> fromMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(bare)).findFirst();
    }

    /** The type whose signature the bytes start with, whatever the upload claimed. */
    static Optional<PhotoType> sniff(byte[] bytes) {
        return Arrays.stream(values())
                .filter(
                        type ->
                                bytes.length >= type.signature.length
                                        && Arrays.equals(
                                                bytes,
                                                0,
                                                type.signature.length,
                                                type.signature,
                                                0,
                                                type.signature.length))
                .findFirst();
    }
}
