package uk.gov.hertfordshire.cases.open311;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two servlet filters Open311 needs around Spring Security (order -100) and the shared
 * Idempotency-Key filter (-90): error translation outside both, the api_key check between them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Open311Properties.class)
class Open311Configuration {

    static final int ERROR_TRANSLATION_ORDER = -110;
    static final int API_KEY_ORDER = -95;

    @Bean
    FilterRegistrationBean<Open311ErrorTranslation> open311ErrorTranslation() {
        FilterRegistrationBean<Open311ErrorTranslation> registration =
                new FilterRegistrationBean<>(new Open311ErrorTranslation());
        registration.setOrder(ERROR_TRANSLATION_ORDER);
        registration.addUrlPatterns("/open311/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> open311ApiKeyFilter(ApiKeys keys) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(keys));
        registration.setOrder(API_KEY_ORDER);
        registration.addUrlPatterns("/open311/*");
        return registration;
    }
}
