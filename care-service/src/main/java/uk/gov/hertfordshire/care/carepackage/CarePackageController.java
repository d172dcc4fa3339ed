package uk.gov.hertfordshire.care.carepackage;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.security.Caller;

/** {@code POST /api/care/referrals/{id}/packages}: a care manager commissions a package. */
@RestController
class CarePackageController {

    private final CarePackages packages;

    CarePackageController(CarePackages packages) {
        this.packages = packages;
    }

    @PostMapping("/api/care/referrals/{id}/packages")
    @PreAuthorize("hasRole('CARE_MANAGER')")
    ResponseEntity<PackageCommissioned> commission(
            @PathVariable UUID id, @RequestBody CommissionRequest request, Caller caller) {
        PackageCommissioned commissioned =
                packages.commission(
                        id,
                        request.providerCode(),
                        request.weeklyCostPence() == null ? 0 : request.weeklyCostPence(),
                        request.startDate(),
                        request.endDate(),
                        caller);
        return ResponseEntity.created(
                        URI.create(
                                "/api/care/referrals/"
                                        + id
                                        + "/packages/"
                                        + commissioned.packageId()))
                .body(commissioned);
    }

    /** Provider, weekly cost in pence, first and (optionally) last day of care. */
    record CommissionRequest(
            String providerCode, Long weeklyCostPence, LocalDate startDate, LocalDate endDate) {}
}
