/**
 * Launchers for the one-machine local platform ({@code ./platform}): a PostgreSQL supervisor on
 * embedded binaries from Maven Central, and the helpers it needs. Apache Kafka runs from its own
 * {@code kafka.Kafka} main class, configured by the script.
 */
package uk.gov.hertfordshire.platform.local;
