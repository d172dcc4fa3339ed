package uk.gov.hertfordshire.cases.directory;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/officers}: who a case can be assigned to, for staff tools. */
@RestController
@RequestMapping("/api/officers")
class OfficerController {

    private final StaffDirectory directory;

    OfficerController(StaffDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENT', 'OFFICER', 'ADMIN')")
    List<StaffDirectory.StaffMember> officers(@RequestParam(required = false) String team) {
        return directory.activeOfficers(team);
    }
}
