package uk.gov.hertfordshire.analytics.measures;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UnitCosts.class)
class MeasuresConfiguration {}
