package uk.gov.hertfordshire.content;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the service's scheduled work (the publication watch). Tests that drive the watch by hand
 * switch it off with {@code platform.content.scheduling=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
        name = "platform.content.scheduling",
        havingValue = "true",
        matchIfMissing = true)
class SchedulingConfiguration {}
