package uk.gov.hertfordshire.care;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the clock watch. Tests switch it off with {@code platform.care.scheduling=false} and call
 * the work directly, so nothing runs behind their back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
        name = "platform.care.scheduling",
        havingValue = "true",
        matchIfMissing = true)
class SchedulingConfiguration {}
