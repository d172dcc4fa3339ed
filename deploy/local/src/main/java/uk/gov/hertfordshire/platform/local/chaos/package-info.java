/**
 * {@code ./platform chaos}: losing a machine, measured. A steady load of case submissions and
 * content reads goes through the gateway while each scenario kills, stops or freezes one part of
 * the replicated cluster and brings it back; afterwards every acknowledged case is reconciled, id
 * by id, against what analytics counted. {@link
 * uk.gov.hertfordshire.platform.local.chaos.Instances} is the only thing that knows how the cluster
 * runs.
 */
package uk.gov.hertfordshire.platform.local.chaos;
