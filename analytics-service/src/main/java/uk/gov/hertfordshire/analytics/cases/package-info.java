/**
 * The case stream: contacts per day, service and channel, one fact row per case (status, team,
 * resolution, target), and daily counts of happenings such as target breaches, from {@code
 * cases.events}.
 */
package uk.gov.hertfordshire.analytics.cases;
