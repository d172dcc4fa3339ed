package uk.gov.hertfordshire.identity;

import java.util.List;
import java.util.Optional;

/** The demo personas of the local platform, listed in README.md; one place to add another. */
final class Personas {

    static final List<Persona> ALL =
            List.of(
                    citizen("citizen-alice"),
                    citizen("citizen-bob"),
                    staff("agent-carol", "AGENT", "00010001"),
                    staff("officer-dan", "OFFICER", "00010002"),
                    staff("editor-erin", "EDITOR", "00010003"),
                    staff("publisher-frank", "PUBLISHER", "00010004"),
                    staff("practitioner-grace", "PRACTITIONER", "00010005"),
                    staff("caremanager-heidi", "CARE_MANAGER", "00010006"),
                    staff("analyst-ivan", "ANALYST", "00010007"),
                    staff("admin-judy", "ADMIN", "00010008"),
                    // The secrets are published demo values: this server runs on loopback only.
                    partner("partner-nhs-herts", "nhs-herts", "nhs-herts-local-secret"),
                    partner("partner-herts-police", "herts-police", "herts-police-local-secret"),
                    // The load-test client of ./platform bench: the gateway's local profile gives
                    // its azp room above the load the benchmark sends; anyone else is limited.
                    new Persona(
                            "platform-bench",
                            Issuer.STAFF,
                            List.of("AGENT"),
                            "00010009",
                            null,
                            "platform-bench-local-secret"),
                    // Its partner twin, for ./platform bench care's FHIR referrals (agency bench).
                    partner(
                            "platform-bench-partner",
                            "bench",
                            "platform-bench-partner-local-secret"));

    private Personas() {}

    static Optional<Persona> named(String name) {
        return ALL.stream().filter(persona -> persona.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Persona::name).toList();
    }

    private static Persona citizen(String name) {
        return new Persona(name, Issuer.CITIZENS, List.of("CITIZEN"), null, null, null);
    }

    private static Persona staff(String name, String role, String staffId) {
        return new Persona(name, Issuer.STAFF, List.of(role), staffId, null, null);
    }

    private static Persona partner(String name, String agencyId, String secret) {
        return new Persona(name, Issuer.PARTNERS, List.of("PARTNER"), null, agencyId, secret);
    }
}
