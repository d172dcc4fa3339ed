package uk.gov.hertfordshire.care.retention;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code GET /api/care/retention} (ADMIN): the dry run, what a run would anonymise; {@code POST
 * /api/care/retention/run} (ADMIN): anonymise them.
 */
@RestController
@RequestMapping("/api/care/retention")
class RetentionController {

    private final RetentionRule rule;

    RetentionController(RetentionRule rule) {
        this.rule = rule;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    RetentionRule.DryRun dryRun(Caller caller) {
        return rule.dryRun(caller.id());
    }

    @PostMapping("/run")
    @PreAuthorize("hasRole('ADMIN')")
    RetentionRule.Run run(Caller caller) {
        return rule.run(caller.id());
    }
}
