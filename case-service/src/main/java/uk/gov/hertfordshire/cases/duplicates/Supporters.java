package uk.gov.hertfordshire.cases.duplicates;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.cases.submission.CaseAccess;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * "Me too": a citizen (online) or an agent (recording a call) adds a contact to an existing open
 * public-realm case instead of creating a duplicate. A citizen follows the case from then on; a
 * second "me too" from the same citizen changes nothing. Each new supporter is one contact in the
 * channel-shift figures, published as {@link CaseSupporterAdded}.
 */
@Service
class Supporters {

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final Clock clock;

    Supporters(
            JdbcClient jdbc,
            CaseRepository cases,
            Catalogue catalogue,
            Outbox outbox,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Adds the caller (a citizen) or the contact they record (an agent) to the case.
     *
     * @return whether a new supporter was added (false: this citizen already follows it), or empty
     *     if there is no public-realm case with this id
     * @throws IllegalArgumentException if the channel is not one the caller may record
     * @throws SupportRefusedException if the case is closed or the citizen reported it
     */
    @Transactional
    Optional<Boolean> support(UUID caseId, Channel channel, Caller caller) {
        CaseAccess.requireChannelAllowed(caller, channel);
        Optional<ServiceCase> found = cases.lock(caseId);
        boolean publicRealm =
                found.flatMap(target -> catalogue.findIncludingWithdrawn(target.serviceCode()))
                        .map(CatalogueEntry::publicRealm)
                        .orElse(false);
        if (!publicRealm) {
            // a personal case is nobody else's business: indistinguishable from a missing one
            return Optional.empty();
        }
        ServiceCase target = found.get();
        if (!target.status().isOpen()) {
            throw new SupportRefusedException(
                    "This case is " + target.status().wireValue() + "; report the problem anew.");
        }
        boolean citizen = caller.has(Role.CITIZEN) && !caller.has(Role.AGENT);
        if (citizen && caller.id().equals(target.submittedBy())) {
            throw new SupportRefusedException("You reported this case; you already follow it.");
        }
        // An agent records a separate contact each time: the caller on the phone has no identity
        // here, and two calls about the same pothole are two contacts.
        String supporter = citizen ? caller.id() : "contact:" + UUID.randomUUID();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        int added =
                jdbc.sql(
                                "INSERT INTO case_supporter (case_id, supporter, channel, added_at)"
                                        + " VALUES (:caseId, :supporter, :channel, :at) ON"
                                        + " CONFLICT DO NOTHING")
                        .param("caseId", caseId)
                        .param("supporter", supporter)
                        .param("channel", channel.wireValue())
                        .param("at", Timestamp.from(now))
                        .update();
        if (added == 0) {
            return Optional.of(false);
        }
        outbox.append(
                new CaseSupporterAdded(caseId.toString(), target.serviceCode(), channel, now));
        return Optional.of(true);
    }
}
