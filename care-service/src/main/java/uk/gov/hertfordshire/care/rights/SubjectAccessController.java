package uk.gov.hertfordshire.care.rights;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.care.referral.Person;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code POST /api/care/subject-access} (CARE_MANAGER, ADMIN): the person to export in the body (a
 * POST, so an NHS number never sits in a URL or an access log).
 */
@RestController
class SubjectAccessController {

    private final SubjectAccess subjectAccess;

    SubjectAccessController(SubjectAccess subjectAccess) {
        this.subjectAccess = subjectAccess;
    }

    @PostMapping("/api/care/subject-access")
    @PreAuthorize("hasAnyRole('CARE_MANAGER', 'ADMIN')")
    SubjectAccess.Export export(@RequestBody Person person, Caller caller) {
        return subjectAccess.export(person, caller);
    }
}
