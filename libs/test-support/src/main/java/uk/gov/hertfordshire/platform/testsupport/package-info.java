/**
 * Real infrastructure for integration tests, chosen the same way in every module: a Kafka broker
 * and a PostgreSQL server started once per test JVM (Testcontainers when a Docker engine answers,
 * embedded KRaft Kafka and embedded PostgreSQL binaries otherwise), plus a Kafka broker process of
 * a test's own for fault tests that stop it.
 */
package uk.gov.hertfordshire.platform.testsupport;
