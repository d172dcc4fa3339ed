/**
 * Topics are declared, never auto-created: the five domain topics keep their whole history so
 * projections can be rebuilt, and each consumer group gets its own dead-letter topic with as many
 * partitions as its source.
 */
package uk.gov.hertfordshire.platform.support.topics;
