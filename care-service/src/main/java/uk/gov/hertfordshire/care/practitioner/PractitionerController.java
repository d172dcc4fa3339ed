package uk.gov.hertfordshire.care.practitioner;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/care/practitioners}: whom a referral can be assigned to, for care managers. */
@RestController
class PractitionerController {

    private final PractitionerDirectory directory;

    PractitionerController(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/care/practitioners")
    @PreAuthorize("hasAnyRole('CARE_MANAGER', 'ADMIN')")
    List<PractitionerDirectory.Practitioner> practitioners(
            @RequestParam(required = false) String team) {
        return directory.activePractitioners(team);
    }
}
