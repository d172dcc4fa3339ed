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

    /** Parts up to this size stay in memory; larger ones are spooled to a temporary file. */
    static final int IN_MEMORY_PART = 1024 * 1024;

    @Bean
    PhotoSanitiser photoSanitiser(PhotoProperties limits) {
        return new PhotoSanitiser(
                limits, new DecodeBudget(limits.decodeMemory().toBytes(), limits.decodeWait()));
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
