package uk.gov.hertfordshire.content;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * What content-service answers without a token: reads of the two public channels, the "this
 * answered my question" feedback on them, and reports of community listings. The intranet and
 * contact-centre channels and the whole authoring API need a token; what a public-channel read may
 * show (public-audience, live items only) is decided in {@code delivery}.
 */
@Configuration(proxyBeanMethods = false)
class OpenEndpoints {

    @Bean
    PublicEndpoints publicChannelReads() {
        return PublicEndpoints.get(
                "/api/content/channels/web/**", "/api/content/channels/digital_tv/**");
    }

    @Bean
    PublicEndpoints publicChannelFeedback() {
        return PublicEndpoints.post(
                "/api/content/channels/web/items/*/feedback",
                "/api/content/channels/digital_tv/items/*/feedback",
                "/api/content/channels/web/items/*/report",
                "/api/content/channels/digital_tv/items/*/report");
    }
}
