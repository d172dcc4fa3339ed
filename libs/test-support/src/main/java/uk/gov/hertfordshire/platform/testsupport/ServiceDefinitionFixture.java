package uk.gov.hertfordshire.platform.testsupport;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * A {@link ServiceDefinitionChanged} as case-service announces a catalogue service, for the tests
 * of its consumers: {@code serviceDefinition("pothole").name("Report a pothole").build()}. A test
 * names the facts it relies on; the rest are those of an ordinary live service: named "Service
 * {code}", in the Highways group, for team HWY-INSPECT, about a place, requestable on the web and
 * through Open311, without a fee, a target of 5 working days, not withdrawn, changed at
 * 2026-01-01T00:00:00Z.
 */
public final class ServiceDefinitionFixture {

    private final String serviceCode;
    private String name;
    private String group = "Highways";
    private String teamCode = "HWY-INSPECT";
    private int workingDays = 5;
    private Instant changedAt = Instant.parse("2026-01-01T00:00:00Z");

    private ServiceDefinitionFixture(String serviceCode) {
        this.serviceCode = serviceCode;
        this.name = "Service " + serviceCode;
    }

    /** The service with this catalogue code, every other fact its default. */
    public static ServiceDefinitionFixture serviceDefinition(String serviceCode) {
        return new ServiceDefinitionFixture(serviceCode);
    }

    public ServiceDefinitionFixture name(String name) {
        this.name = name;
        return this;
    }

    public ServiceDefinitionFixture group(String group) {
        this.group = group;
        return this;
    }

    public ServiceDefinitionFixture team(String teamCode) {
        this.teamCode = teamCode;
        return this;
    }

    /** The response target, in working days. */
    public ServiceDefinitionFixture workingDays(int days) {
        this.workingDays = days;
        return this;
    }

    public ServiceDefinitionFixture changedAt(Instant changedAt) {
        this.changedAt = changedAt;
        return this;
    }

    /** The event; its own checks apply, so a fact it refuses fails here. */
    public ServiceDefinitionChanged build() {
        return new ServiceDefinitionChanged(
                serviceCode,
                name,
                group,
                teamCode,
                true,
                true,
                true,
                null,
                workingDays,
                ServiceDefinitionChanged.WORKING_DAYS,
                false,
                changedAt);
    }
}
