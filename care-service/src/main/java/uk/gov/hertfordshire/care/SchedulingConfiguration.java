package uk.gov.hertfordshire.care;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the clock watch. Tests switch it off with {@code platform.care.scheduling=false} and call
 * the work directly, so nothing runs behind their back. The key file watch ({@code
 * protection.CareKeysWatch}) is not one of these jobs and runs either way: every instance must take
 * up a new active key by itself (ADR 11).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(
        name = "platform.care.scheduling",
        havingValue = "true",
        matchIfMissing = true)
class SchedulingConfiguration {}
