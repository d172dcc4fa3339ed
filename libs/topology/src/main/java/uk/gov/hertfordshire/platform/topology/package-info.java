/**
 * The platform's topology as declared in {@code deploy/topology.yaml} (ADR 0029): one reader for
 * the Kubernetes manifest generator, the launcher's flat projection and the tests that hold the
 * declaration to the code.
 */
package uk.gov.hertfordshire.platform.topology;
