package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The rules a photo must pass, without Spring: limits set small so the edges are easy to reach. */
class PhotoSanitiserTest {

    /** 10,000 pixels at most: 100 × 100 is the largest square accepted. */
    private final PhotoSanitiser sanitiser = sanitiser(10_000, DataSize.ofMegabytes(16));

    @Test
    void anImageOfExactlyTheMostPixelsIsAcceptedAndOneRowMoreIsRefused() {
        assertThat(sanitiser.sanitise("image/png", TestPhotos.png(100, 100)).width())
                .isEqualTo(100);

        assertThatThrownBy(() -> sanitiser.sanitise("image/png", TestPhotos.png(100, 101)))
                .isInstanceOfSatisfying(
                        PhotoRefused.class,
                        refused -> {
                            assertThat(refused.status())
                                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                            assertThat(refused.getMessage())
                                    .contains("100 x 101 pixels")
                                    .contains("at most 10000 pixels");
                        });
    }

    /**
     * A decompression bomb: a file of a few dozen bytes whose header declares 100,000 × 100,000
     * pixels (30 GB decoded). It is refused for its size, read from the header; had it been decoded
     * it would have failed as damaged instead (its image data is one empty deflate block).
     */
    @Test
    void aPngDeclaringAHugeImageIsRefusedFromItsHeaderBesideTheSameFileDeclaringOnePixel() {
        PhotoSanitiser defaults = sanitiser(24_000_000, DataSize.ofMegabytes(96));
        byte[] bomb = TestPhotos.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);

        assertThatThrownBy(() -> defaults.sanitise("image/png", bomb))
                .hasMessageContaining("100000 x 100000 pixels");
        assertThatThrownBy(() -> defaults.sanitise("image/png", TestPhotos.pngDeclaring(1, 1)))
                .as("the same file at 1 x 1 is decoded, and its missing pixels found")
                .hasMessageContaining("cannot be decoded");
    }

    @Test
    void aJpegWhoseFrameHeaderDeclaresAHugeImageIsRefusedBeforeDecoding() {
        byte[] jpeg = TestPhotos.jpeg(64, 48);
        byte[] bomb = withFrameSize(jpeg, 60_000, 60_000);

        assertThat(sanitiser.sanitise("image/jpeg", jpeg).height()).isEqualTo(48);
        assertThatThrownBy(() -> sanitiser.sanitise("image/jpeg", bomb))
                .hasMessageContaining("60000 x 60000 pixels");
    }

    @Test
    void anImageTooLargeToDecodeWithinTheMemoryBudgetIsRefusedBesideOneThatFits() {
        // 1000 x 1000 RGB decodes to 3,000,000 bytes; 600 x 600 to 1,080,000.
        PhotoSanitiser small = sanitiser(10_000_000, DataSize.ofMegabytes(2));

        assertThat(small.sanitise("image/jpeg", TestPhotos.jpeg(600, 600)).width()).isEqualTo(600);
        assertThatThrownBy(() -> small.sanitise("image/jpeg", TestPhotos.jpeg(1000, 1000)))
                .hasMessageContaining("memory to decode");
    }

    @Test
    void whatFollowsTheEndOfAJpegIsNotKept() {
        byte[] jpeg = TestPhotos.jpeg(64, 48);
        byte[] payload = "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.US_ASCII);
        byte[] polyglot = Arrays.copyOf(jpeg, jpeg.length + payload.length);
        System.arraycopy(payload, 0, polyglot, jpeg.length, payload.length);

        byte[] stored = sanitiser.sanitise("image/jpeg", polyglot).bytes();

        assertThat(ImageMetadata.contains(stored, payload)).isFalse();
        assertThat(ImageMetadata.contains(polyglot, payload)).isTrue();
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> sanitiser.sanitise("image/jpeg", new byte[0]))
                .hasMessageContaining("empty");
    }

    @Test
    void theMediaTypeMayCarryParametersAndAnyCase() {
        assertThat(sanitiser.sanitise("IMAGE/PNG; name=x", TestPhotos.png(4, 4)).type())
                .isEqualTo(PhotoType.PNG);
        assertThatThrownBy(() -> sanitiser.sanitise(null, TestPhotos.png(4, 4)))
                .hasMessageContaining("'(none)'");
    }

    @Test
    void aPhotoTurnedInPlaceReservesOneFullSizeImageWhicheverWayUpItWasTaken() {
        // 6000 x 4000 pixels at 3 bytes: 72,000,000 bytes decoded; the encoder's output is allowed
        // a quarter of that, 18,000,000; the reader's cached copy of the upload is 400,000.
        PhotoSanitiser.Decoded inPlace = new PhotoSanitiser.Decoded(72_000_000, 0);
        long upload = 400_000;

        for (int orientation = 1; orientation <= 8; orientation++) {
            assertThat(PhotoSanitiser.memoryNeeded(upload, inPlace, orientation))
                    .as("orientation %d", orientation)
                    .isEqualTo(400_000 + 72_000_000 + 18_000_000);
        }
    }

    @Test
    void aPhotoThatMustBeCopiedToTurnReservesBothFullSizeImagesBesideAnUprightOne() {
        // the same photo decoded to a layout that is not one interleaved array: a quarter turn
        // copies it (72,000,000 more), and the copy is then encoded once the original is dropped
        PhotoSanitiser.Decoded copied = new PhotoSanitiser.Decoded(72_000_000, 72_000_000);

        assertThat(PhotoSanitiser.memoryNeeded(400_000, copied, 6))
                .isEqualTo(400_000 + 72_000_000 + 72_000_000);
        assertThat(PhotoSanitiser.memoryNeeded(400_000, copied, 3))
                .as("a half turn is two mirrors, done in place")
                .isEqualTo(400_000 + 72_000_000 + 18_000_000);
    }

    @Test
    void theDecodeBudgetMakesALaterDecodeWaitAndGivesUpWith503() {
        MemoryBudget budget = new MemoryBudget(1024 * 1024, Duration.ofMillis(50));

        MemoryBudget.Reservation first = budget.reserve(600 * 1024);
        assertThatThrownBy(() -> budget.reserve(600 * 1024))
                .isInstanceOfSatisfying(
                        PhotoRefused.class,
                        refused ->
                                assertThat(refused.status())
                                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        first.close();
        budget.reserve(600 * 1024).close();
        assertThatThrownBy(() -> budget.reserve(2 * 1024 * 1024))
                .isInstanceOfSatisfying(
                        PhotoRefused.class,
                        refused ->
                                assertThat(refused.status())
                                        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
    }

    @Test
    void anUploadIsReadIntoMemoryOnlyOnceTheUploadBudgetHasRoomForIt() {
        byte[] jpeg = TestPhotos.jpeg(64, 48);
        MemoryBudget uploads = new MemoryBudget(1024 * 1024, Duration.ofMillis(50));
        PhotoSanitiser oneMegabyte =
                new PhotoSanitiser(
                        limits(DataSize.ofMegabytes(16)),
                        uploads,
                        new MemoryBudget(16 * 1024 * 1024, Duration.ofMillis(50)));
        AtomicInteger opened = new AtomicInteger();
        InputStreamSource upload =
                () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(jpeg);
                };

        try (MemoryBudget.Reservation others = uploads.reserve(1024 * 1024)) {
            assertThatThrownBy(
                            () -> oneMegabyte.sanitise("image/jpeg", jpeg.length, upload, c -> c))
                    .isInstanceOfSatisfying(
                            PhotoRefused.class,
                            refused ->
                                    assertThat(refused.status())
                                            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(opened).as("not read while there is no room").hasValue(0);
        }
        assertThat(oneMegabyte.sanitise("image/jpeg", jpeg.length, upload, c -> c).width())
                .isEqualTo(64);
        assertThat(opened).hasValue(1);
    }

    @Test
    void theMemoryAPhotoTakesStaysReservedUntilItHasBeenKept() {
        byte[] jpeg = TestPhotos.jpeg(64, 48);
        MemoryBudget uploads = new MemoryBudget(1024 * 1024, Duration.ofMillis(10));
        MemoryBudget decodes = new MemoryBudget(1024 * 1024, Duration.ofMillis(10));
        PhotoSanitiser sanitiser =
                new PhotoSanitiser(limits(DataSize.ofMegabytes(1)), uploads, decodes);

        int width =
                sanitiser.sanitise(
                        "image/jpeg",
                        jpeg.length,
                        new ByteArrayResource(jpeg),
                        clean -> {
                            assertThatThrownBy(() -> uploads.reserve(1024 * 1024))
                                    .as("the upload is still counted")
                                    .hasMessageContaining("Try again");
                            assertThatThrownBy(() -> decodes.reserve(1024 * 1024))
                                    .as("the decode is still counted")
                                    .hasMessageContaining("Try again");
                            return clean.width();
                        });

        assertThat(width).isEqualTo(64);
        uploads.reserve(1024 * 1024).close();
        decodes.reserve(1024 * 1024).close();
    }

    private static PhotoProperties limits(DataSize decodeMemory) {
        return new PhotoProperties(
                DataSize.ofMegabytes(10),
                5,
                10_000_000,
                DataSize.ofMegabytes(10),
                decodeMemory,
                Duration.ofMillis(100),
                0.9f);
    }

    private static PhotoSanitiser sanitiser(long maxPixels, DataSize decodeMemory) {
        PhotoProperties limits =
                new PhotoProperties(
                        DataSize.ofMegabytes(10),
                        5,
                        maxPixels,
                        DataSize.ofMegabytes(10),
                        decodeMemory,
                        Duration.ofMillis(100),
                        0.9f);
        return new PhotoSanitiser(
                limits,
                new MemoryBudget(limits.uploadMemory().toBytes(), limits.decodeWait()),
                new MemoryBudget(decodeMemory.toBytes(), limits.decodeWait()));
    }

    /** The JPEG with the height and width in its baseline frame header (SOF0) replaced. */
    private static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        int at = 2;
        while ((jpeg[at + 1] & 0xFF) != 0xC0) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        byte[] patched = jpeg.clone();
        // FF C0, length (2), precision (1), then height (2) and width (2).
        patched[at + 5] = (byte) (height >> 8);
        patched[at + 6] = (byte) height;
        patched[at + 7] = (byte) (width >> 8);
        patched[at + 8] = (byte) width;
        return patched;
    }
}
