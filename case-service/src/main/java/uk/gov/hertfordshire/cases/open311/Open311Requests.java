package uk.gov.hertfordshire.cases.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;
import uk.gov.hertfordshire.cases.servicecase.PublishedCases;
import uk.gov.hertfordshire.cases.servicecase.PublishedCases.PublishedCase;
import uk.gov.hertfordshire.cases.servicecase.PublishedCases.Query;

/**
 * Cases and their public updates as GeoReport v2 shows them: what {@link PublishedCases} lets the
 * viewer see (who sees what is decided there, once for every read), in the fields and order of the
 * spec's tables.
 */
@Component
class Open311Requests {

    private final PublishedCases published;
    private final JdbcClient jdbc;
    private final Open311Properties properties;

    Open311Requests(PublishedCases published, JdbcClient jdbc, Open311Properties properties) {
        this.published = published;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    List<Map<String, Object>> requests(Query query, Viewer viewer) {
        return published.cases(query, viewer.reader()).stream().map(this::request).toList();
    }

    /** The service_request_id a POST's token stands for. */
    @Transactional(readOnly = true)
    Optional<UUID> byToken(String token) {
        return jdbc.sql("SELECT case_id FROM open311_request WHERE token = :token")
                .param("token", token)
                .query(UUID.class)
                .optional();
    }

    /**
     * Public updates (never internal notes) on requests the viewer may see, newest first, with the
     * extension's status ({@link FmsStatus}) and the case's own as {@code external_status_code}.
     */
    List<Map<String, Object>> updates(
            Instant start, Instant end, int limit, long offset, Viewer viewer) {
        return published.updates(start, end, limit, offset, viewer.reader()).stream()
                .map(
                        found -> {
                            Map<String, Object> update = new LinkedHashMap<>();
                            update.put("update_id", found.id().toString());
                            update.put("service_request_id", found.caseId().toString());
                            CaseStatus status = CaseStatus.fromWire(found.status());
                            update.put("status", FmsStatus.of(status).wire());
                            update.put("external_status_code", status.wireValue());
                            update.put("updated_datetime", W3cDates.format(found.createdAt()));
                            update.put("description", found.description());
                            update.put("media_url", found.mediaUrl());
                            return update;
                        })
                .toList();
    }

    /** One request with the fields of the spec's GET Service Requests table, in its order. */
    private Map<String, Object> request(PublishedCase found) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", found.id().toString());
        request.put("status", Open311Status.of(found.status()));
        request.put("status_notes", found.statusNotes());
        request.put("service_name", found.serviceName());
        request.put("service_code", found.serviceCode());
        request.put("description", found.description());
        String team = found.responsibleTeam();
        request.put(
                "agency_responsible",
                team == null || team.isBlank() ? properties.councilName() : team);
        request.put(
                "service_notice",
                ServiceNotice.of(
                        properties.councilName(), found.responseTarget(), found.responseUnit()));
        request.put("requested_datetime", W3cDates.format(found.submittedAt()));
        request.put("updated_datetime", W3cDates.format(found.updatedAt()));
        request.put("expected_datetime", W3cDates.format(found.dueAt()));
        request.put("address", found.address());
        request.put("address_id", found.uprn());
        request.put("zipcode", null);
        request.put("lat", found.latitude());
        request.put("long", found.longitude());
        request.put("media_url", found.mediaUrl());
        return request;
    }

    static List<String> caseStatuses(List<Open311Status> statuses) {
        List<String> caseStatuses = new ArrayList<>();
        statuses.forEach(status -> caseStatuses.addAll(status.caseStatuses));
        return caseStatuses;
    }
}
