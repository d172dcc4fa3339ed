package uk.gov.hertfordshire.sap.connection;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where SAP is and how long to wait for it, under {@code platform.sap}. The addresses and the
 * communication user have no default here: application.yml names the local simulator (port 8090,
 * both S/4HANA and SuccessFactors), and every deployment sets its own (deploy/k8s checks each
 * overlay does).
 *
 * @param baseUrl S/4HANA's address (communication arrangement SAP_COM_0002 for Journal Entry –
 *     Post, SAP_COM_0303 for the journal entry item API)
 * @param hrBaseUrl SuccessFactors Employee Central's OData v2 address
 * @param user the communication user (basic authentication)
 * @param password its password
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; a posting not answered in time has an unknown
 *     outcome and is looked up by its reference before it is sent again
 * @param breaker when to stop calling SAP for a while
 * @param purchasing the purchasing organisation and group the council's commitments are made in
 */
@ConfigurationProperties("platform.sap")
public record SapConnectionProperties(
        URI baseUrl,
        URI hrBaseUrl,
        String user,
        String password,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue Breaker breaker,
        @DefaultValue Purchasing purchasing) {

    /**
     * Where commitments (purchase orders) are made in SAP.
     *
     * @param organization the purchasing organisation (EKORG, 4 characters)
     * @param group the purchasing group (EKGRP, 3 characters): adult social care commissioning
     */
    public record Purchasing(
            @DefaultValue("HC01") String organization, @DefaultValue("ASC") String group) {}

    /**
     * The circuit breaker around every SAP call.
     *
     * @param failureRate percentage of failed calls among the last {@code window} that opens it
     * @param window how many recent calls it judges
     * @param openFor how long it stays open before letting a few calls try SAP again
     */
    public record Breaker(
            @DefaultValue("50") float failureRate,
            @DefaultValue("10") int window,
            @DefaultValue("30s") Duration openFor) {}
}
