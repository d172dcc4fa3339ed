package uk.gov.hertfordshire.cases;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the service's scheduled work (the response-target watch). Tests switch it off with {@code
 * platform.cases.scheduling=false} and call the work directly, so nothing runs behind their back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
        name = "platform.cases.scheduling",
        havingValue = "true",
        matchIfMissing = true)
class SchedulingConfiguration {}
