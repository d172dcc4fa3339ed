package uk.gov.hertfordshire.cases.photos;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The photo limits, and the servlet container's multipart limits derived from them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PhotoProperties.class)
class PhotoConfiguration {

    /** Room for a multipart request's boundaries and part headers around one photo. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /**
     * Every part is spooled to a temporary file, however small: an upload is read into memory only
     * once the upload budget has room for it ({@link PhotoSanitiser}).
     */
    static final int IN_MEMORY_PART = 0;

    @Bean
    PhotoSanitiser photoSanitiser(PhotoProperties limits) {
        if (limits.uploadMemory().compareTo(limits.maxBytes()) < 0) {
            throw new IllegalStateException(
                    "platform.cases.photos.upload-memory ("
                            + limits.uploadMemory()
                            + ") must be at least max-bytes ("
                            + limits.maxBytes()
                            + "), or the largest photo accepted could never be held");
        }
        return new PhotoSanitiser(
                limits,
                new MemoryBudget(limits.uploadMemory().toBytes(), limits.decodeWait()),
                new MemoryBudget(limits.decodeMemory().toBytes(), limits.decodeWait()));
    }

    /**
     * The container refuses a request larger than one photo and its multipart framing before it is
     * read (413). There is no separate per-part limit: a photo just over {@code max-bytes} reaches
     * {@link PhotoSanitiser}, which says exactly how large it was and what the limit is. This
     * replaces {@code spring.servlet.multipart.*}.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(PhotoProperties limits) {
        return new MultipartConfigElement(
                null, -1, limits.maxBytes().toBytes() + MULTIPART_OVERHEAD, IN_MEMORY_PART);
    }
}
