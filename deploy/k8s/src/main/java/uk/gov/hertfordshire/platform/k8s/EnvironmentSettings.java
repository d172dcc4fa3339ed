package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;

/**
 * The settings only an environment has, which the services' own defaults point at this machine for:
 * the token issuers, SAP's addresses, GOV.UK Pay's address and the page a citizen returns to after
 * paying. Each overlay has them in a ConfigMap of its own ({@link Names#ENVIRONMENT_CONFIG_MAP}),
 * which every Deployment reads after the base's settings. Their secrets (SAP's communication user,
 * the GOV.UK Pay API key) are Secrets the Deployments reference (deploy/k8s/README.md), never here.
 *
 * <p>The host names are the council's names for each environment (deploy/k8s/README.md lists them
 * to confirm before a first apply); ManifestsTest checks that every setting a service needs without
 * a usable default is set in every overlay.
 *
 * @param overlay the overlay's folder under deploy/k8s/overlays
 * @param hostPrefix what precedes {@code hertfordshire.gov.uk} in the environment's host names
 */
record EnvironmentSettings(String overlay, String hostPrefix) {

    static final EnvironmentSettings DEV = new EnvironmentSettings("dev", "dev.");
    static final EnvironmentSettings PRODUCTION = new EnvironmentSettings("production", "");

    /**
     * GOV.UK Pay's public API: the same address for test and live accounts (the API key says
     * which), so dev takes payments with a test account's key.
     */
    static final String GOVUK_PAY_API = "https://publicapi.payments.service.gov.uk";

    /**
     * The council's three issuers (their paths) and the roles each may grant: the same split as the
     * local identity provider's (service-support's ServiceDefaults, the gateway's application.yml).
     */
    private static final List<Map.Entry<String, List<String>>> ISSUERS =
            List.of(
                    Map.entry(
                            "staff",
                            List.of(
                                    "AGENT",
                                    "OFFICER",
                                    "EDITOR",
                                    "PUBLISHER",
                                    "PRACTITIONER",
                                    "CARE_MANAGER",
                                    "ANALYST",
                                    "ADMIN")),
                    Map.entry("citizens", List.of("CITIZEN")),
                    Map.entry("partners", List.of("PARTNER")));

    private String host(String name) {
        return "https://" + name + "." + hostPrefix + "hertfordshire.gov.uk";
    }

    /** The overlay's ConfigMap, its {@code application.yml} in Spring's form. */
    ConfigMap configMap() {
        List<Map<String, Object>> issuers =
                ISSUERS.stream()
                        .map(
                                e ->
                                        Map.<String, Object>of(
                                                "issuer",
                                                host("login") + "/" + e.getKey(),
                                                "grantable-roles",
                                                e.getValue()))
                        .toList();
        // No citizen front end is part of the platform: the citizen comes back to the case's fee
        // through the gateway, as locally.
        Map<String, Object> govUkPay =
                Map.of(
                        "base-url",
                        GOVUK_PAY_API,
                        "return-url",
                        host("services") + "/api/cases/{caseId}/fee-payment");
        Map<String, Object> platform =
                Map.of(
                        "security", Map.of("issuers", issuers),
                        // S/4HANA (journal entries, purchase orders) and SuccessFactors (staff).
                        "sap",
                                Map.of(
                                        "base-url", host("s4"),
                                        "hr-base-url", host("successfactors")),
                        "cases", Map.of("payments", Map.of("govuk-pay", govUkPay)));
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Names.ENVIRONMENT_CONFIG_MAP)
                .withLabels(Map.of("app.kubernetes.io/part-of", Names.PART_OF))
                .endMetadata()
                .withData(
                        Map.of(
                                "application.yml",
                                YamlFiles.plainDocument(Map.of("platform", platform))))
                .build();
    }
}
