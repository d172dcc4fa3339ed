package uk.gov.hertfordshire.cases.photos;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on case photos ({@code platform.cases.photos.*}).
 *
 * @param maxBytes the largest photo accepted, as uploaded
 * @param maxPerCase how many photos one case may have
 * @param maxPixels the most pixels (width × height) a photo may have, checked from its header
 *     before it is decoded, so a small file that declares a huge image (a decompression bomb) is
 *     refused without being decoded
 * @param uploadMemory how much memory the uploads held at once may take together, each counted at
 *     its size before it is read into memory (the container keeps an upload in a temporary file
 *     until then); at least {@code maxBytes}
 * @param decodeMemory how much memory the photos being decoded at once may take together, every
 *     allocation counted ({@link PhotoSanitiser#memoryNeeded}: a 24-megapixel phone photo takes
 *     about 90 MB whichever way up it was taken, as it is turned upright in place); one needing
 *     more alone is refused, others wait up to {@code decodeWait} for room. The default decodes one
 *     24-megapixel photo at a time, which a case-service at {@code -Xmx256m} holds
 * @param decodeWait how long an upload waits for room (to hold it, then to decode it) before it is
 *     answered 503
 * @param jpegQuality the quality a JPEG is re-encoded at (0 to 1)
 */
@ConfigurationProperties("platform.cases.photos")
record PhotoProperties(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("5") int maxPerCase,
        @DefaultValue("24000000") long maxPixels,
        @DefaultValue("24MB") DataSize uploadMemory,
        @DefaultValue("112MB") DataSize decodeMemory,
        @DefaultValue("10s") Duration decodeWait,
        @DefaultValue("0.9") float jpegQuality) {}
