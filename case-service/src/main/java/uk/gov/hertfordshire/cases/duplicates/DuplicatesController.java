package uk.gov.hertfordshire.cases.duplicates;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.servicecase.Location;
import uk.gov.hertfordshire.cases.servicecase.NearbyCases;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code GET /api/cases/nearby}: likely duplicates to offer before a report is sent. {@code POST
 * /api/cases/{id}/supporters}: "me too".
 */
@RestController
@RequestMapping("/api/cases")
class DuplicatesController {

    private final NearbyCases nearby;
    private final Supporters supporters;
    private final Catalogue catalogue;

    DuplicatesController(NearbyCases nearby, Supporters supporters, Catalogue catalogue) {
        this.nearby = nearby;
        this.supporters = supporters;
        this.catalogue = catalogue;
    }

    @GetMapping("/nearby")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT', 'OFFICER', 'ADMIN')")
    NearbyView nearby(
            @RequestParam String serviceCode,
            @RequestParam double latitude,
            @RequestParam double longitude) {
        CatalogueEntry service =
                catalogue
                        .find(serviceCode)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "serviceCode is not in the service catalogue"));
        if (!service.publicRealm()) {
            throw new IllegalArgumentException(
                    "serviceCode '"
                            + serviceCode
                            + "' is a personal service, not about a place: it has no duplicates"
                            + " by location");
        }
        Location point = new Location(latitude, longitude);
        return new NearbyView(
                nearby.radiusMetres(),
                nearby.near(serviceCode, point.latitude(), point.longitude()));
    }

    @ApiResponse(responseCode = "201", description = "The caller now follows the case.")
    @ApiResponse(responseCode = "200", description = "The caller already followed the case.")
    @PostMapping("/{id}/supporters")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    ResponseEntity<?> support(
            @PathVariable UUID id, @Valid @RequestBody SupportRequest body, Caller caller) {
        return supporters
                .support(id, Channel.fromWire(body.channel()), caller)
                .<ResponseEntity<?>>map(
                        added ->
                                added
                                        ? ResponseEntity.created(URI.create("/api/cases/" + id))
                                                .body(new SupportView(id, true))
                                        : ResponseEntity.ok(new SupportView(id, false)))
                .orElseGet(
                        () ->
                                ResponseEntity.of(
                                                ProblemDetail.forStatusAndDetail(
                                                        HttpStatus.NOT_FOUND,
                                                        "No case was found with this id."))
                                        .build());
    }

    /** The channel the "me too" came through: web or app for a citizen, phone etc. for an agent. */
    record SupportRequest(@NotNull String channel) {}

    /**
     * @param added false if this citizen already followed the case
     */
    record SupportView(UUID caseId, boolean added) {}

    record NearbyView(double radiusMetres, List<NearbyCases.Nearby> cases) {}
}
