/**
 * {@code ./platform}'s operator commands, in Java: {@code token}, {@code api-key}, {@code
 * deadletters}, {@code care}, {@code analytics} and {@code sap}. Each asks the running platform's
 * services over HTTP, at the addresses {@code deploy/topology.yaml} declares (ADR 0029), with the
 * arguments, output and exit codes the bash functions they replace had. {@link
 * uk.gov.hertfordshire.platform.local.commands.PlatformCommands} is what {@code ./platform} calls.
 */
package uk.gov.hertfordshire.platform.local.commands;
