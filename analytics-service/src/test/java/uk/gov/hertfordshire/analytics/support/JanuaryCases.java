package uk.gov.hertfordshire.analytics.support;

import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * A known event sequence: a baseline week in December 2025 and two ISO weeks in January 2026 (both
 * GMT, so UTC and London days agree), with service codes no other test uses. The figures it should
 * give are worked out by hand in the tests that publish it.
 *
 * <pre>
 * Baseline 1–7 Dec 2025 (mt-pothole): phone 2, face to face 1, web 1.
 * Range 5–18 Jan 2026 (weeks 2026-W02 and 2026-W03):
 *   c1 mt-pothole  web          5 Jan 09:00 AL1   due 7 Jan 17:00  triaged, assigned (highways-north), resolved 6 Jan 09:00 (24 h, in time)
 *   c2 mt-pothole  app          6 Jan 10:00 AL1   due 8 Jan 17:00  breached 8 Jan 17:05, resolved 9 Jan 10:00 (72 h, late), closed 10 Jan
 *   c3 mt-pothole  phone        6 Jan 11:00 —     due 8 Jan 17:00  resolved 7 Jan 11:00, reopened 8 Jan 09:00 (not resolved now)
 *   c4 mt-light    open311     12 Jan 08:00 SG1   due 19 Jan 17:00 assigned (street-lighting), in progress, resolved 14 Jan 08:00 (48 h, in time)
 *   c5 mt-light    face to face 13 Jan 14:00 SG1  no due time      resolved 13 Jan 20:00 (6 h; its resolution published before its submission)
 *   c6 mt-unlisted email       14 Jan 09:00 WD3   (no such service in the catalogue) target approaching 16 Jan
 *   a "me too" on c1 through the web on 15 Jan.
 * </pre>
 */
public final class JanuaryCases {

    public static final String POTHOLE = "mt-pothole";
    public static final String LIGHT = "mt-light";
    public static final String UNLISTED = "mt-unlisted";

    public final String c1 = id();
    public final String c2 = id();
    public final String c3 = id();
    public final String c4 = id();
    public final String c5 = id();
    public final String c6 = id();

    /** One event of the sequence under its event id (an id seen twice is a redelivery). */
    public record Sent(DomainEvent event, UUID id) {}

    /** Publishes the whole sequence, c1's submission and c2's resolution twice each. */
    public void publish(AnalyticsClient client) {
        for (Sent sent : events()) {
            client.publish(sent.event(), sent.id());
        }
    }

    /** The whole sequence in the order it is published, redeliveries included. */
    public List<Sent> events() {
        Sequence client = new Sequence();
        client.publish(service(POTHOLE, "Report a pothole", "highways-north"));
        client.publish(service(LIGHT, "Report a faulty street light", "street-lighting"));

        client.publish(submitted(id(), POTHOLE, Channel.PHONE, "2025-12-01T10:00:00Z", null));
        client.publish(submitted(id(), POTHOLE, Channel.PHONE, "2025-12-02T10:00:00Z", null));
        client.publish(
                submitted(id(), POTHOLE, Channel.FACE_TO_FACE, "2025-12-03T10:00:00Z", null));
        client.publish(submitted(id(), POTHOLE, Channel.WEB, "2025-12-07T23:00:00Z", null));

        CaseSubmitted first =
                submitted(
                        c1,
                        POTHOLE,
                        Channel.WEB,
                        "2026-01-05T09:00:00Z",
                        "AL1",
                        "2026-01-07T17:00:00Z");
        UUID firstId = client.publish(first);
        client.publish(new CaseTriaged(c1, POTHOLE, at("2026-01-05T10:00:00Z")));
        client.publish(
                new CaseAssigned(c1, POTHOLE, "highways-north", null, at("2026-01-05T11:00:00Z")));
        client.publish(
                new CaseResolved(
                        c1,
                        POTHOLE,
                        at("2026-01-05T09:00:00Z"),
                        at("2026-01-07T17:00:00Z"),
                        at("2026-01-06T09:00:00Z")));
        client.publish(first, firstId); // redelivered: counts once

        client.publish(
                submitted(
                        c2,
                        POTHOLE,
                        Channel.APP,
                        "2026-01-06T10:00:00Z",
                        "AL1",
                        "2026-01-08T17:00:00Z"));
        client.publish(
                new CaseTargetBreached(
                        c2, POTHOLE, at("2026-01-08T17:00:00Z"), at("2026-01-08T17:05:00Z")));
        CaseResolved c2Resolved =
                new CaseResolved(
                        c2,
                        POTHOLE,
                        at("2026-01-06T10:00:00Z"),
                        at("2026-01-08T17:00:00Z"),
                        at("2026-01-09T10:00:00Z"));
        UUID c2ResolvedId = client.publish(c2Resolved);
        client.publish(c2Resolved, c2ResolvedId); // redelivered: counts once
        client.publish(new CaseClosed(c2, POTHOLE, at("2026-01-10T10:00:00Z")));

        client.publish(
                submitted(
                        c3,
                        POTHOLE,
                        Channel.PHONE,
                        "2026-01-06T11:00:00Z",
                        null,
                        "2026-01-08T17:00:00Z"));
        client.publish(
                new CaseResolved(
                        c3,
                        POTHOLE,
                        at("2026-01-06T11:00:00Z"),
                        at("2026-01-08T17:00:00Z"),
                        at("2026-01-07T11:00:00Z")));
        client.publish(
                new CaseReopened(
                        c3,
                        POTHOLE,
                        "resolved",
                        at("2026-01-12T17:00:00Z"),
                        at("2026-01-08T09:00:00Z")));

        client.publish(
                submitted(
                        c4,
                        LIGHT,
                        Channel.OPEN311,
                        "2026-01-12T08:00:00Z",
                        "SG1",
                        "2026-01-19T17:00:00Z"));
        client.publish(
                new CaseAssigned(c4, LIGHT, "street-lighting", null, at("2026-01-12T09:00:00Z")));
        client.publish(
                new CaseStatusChanged(c4, "assigned", "in_progress", at("2026-01-12T10:00:00Z")));
        client.publish(
                new CaseResolved(
                        c4,
                        LIGHT,
                        at("2026-01-12T08:00:00Z"),
                        at("2026-01-19T17:00:00Z"),
                        at("2026-01-14T08:00:00Z")));

        // Out of order on purpose: the resolution is applied before the submission.
        client.publish(
                new CaseResolved(
                        c5, LIGHT, at("2026-01-13T14:00:00Z"), null, at("2026-01-13T20:00:00Z")));
        client.publish(
                submitted(c5, LIGHT, Channel.FACE_TO_FACE, "2026-01-13T14:00:00Z", "SG1", null));

        client.publish(submitted(c6, UNLISTED, Channel.EMAIL, "2026-01-14T09:00:00Z", "WD3", null));
        client.publish(
                new CaseTargetApproaching(
                        c6, UNLISTED, at("2026-01-16T17:00:00Z"), at("2026-01-16T13:00:00Z")));

        client.publish(
                new CaseSupporterAdded(c1, POTHOLE, Channel.WEB, at("2026-01-15T12:00:00Z")));
        return List.copyOf(client.sent);
    }

    /** Records the sequence as {@link AnalyticsClient#publish} would send it. */
    private static final class Sequence {
        final List<Sent> sent = new ArrayList<>();

        UUID publish(DomainEvent event) {
            return publish(event, UUID.randomUUID());
        }

        UUID publish(DomainEvent event, UUID id) {
            sent.add(new Sent(event, id));
            return id;
        }
    }

    private static ServiceDefinitionChanged service(String code, String name, String team) {
        return serviceDefinition(code)
                .name(name)
                .team(team)
                .changedAt(at("2025-11-01T00:00:00Z"))
                .build();
    }

    private static CaseSubmitted submitted(
            String caseId,
            String service,
            Channel channel,
            String at,
            String district,
            String due) {
        CaseSubmitted.Location location =
                district == null ? null : new CaseSubmitted.Location(51.75, -0.34, district, null);
        return new CaseSubmitted(
                caseId, service, channel, at(at), location, null, due == null ? null : at(due));
    }

    private static CaseSubmitted submitted(
            String caseId, String service, Channel channel, String at, String district) {
        return submitted(caseId, service, channel, at, district, null);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
