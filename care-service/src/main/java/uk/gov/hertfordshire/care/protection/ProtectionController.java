package uk.gov.hertfordshire.care.protection;

import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/care/audit} (CARE_MANAGER, ADMIN): a referral's access trail, itself audited; {@code
 * POST /api/care/admin/key-rotation} (ADMIN): re-encrypt under the key file's active key.
 */
@RestController
@RequestMapping("/api/care")
class ProtectionController {

    private final AccessAudit audit;
    private final KeyRotation rotation;

    ProtectionController(AccessAudit audit, KeyRotation rotation) {
        this.audit = audit;
        this.rotation = rotation;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAnyRole('CARE_MANAGER', 'ADMIN')")
    @Transactional
    public List<AccessAudit.Entry> trail(@RequestParam UUID referralId, Caller caller) {
        audit.record(caller.id(), "audit.read", referralId, "audit-review");
        return audit.trail(referralId);
    }

    @PostMapping("/admin/key-rotation")
    @PreAuthorize("hasRole('ADMIN')")
    public KeyRotation.Result rotate(Caller caller) {
        return rotation.rotate(caller.id(), done -> {});
    }
}
