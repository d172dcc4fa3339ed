package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.gov.hertfordshire.content.authoring.ContentProblems.FieldError;

/**
 * What a workflow action may carry; each field belongs to some actions only, and one sent to
 * another action is refused by name rather than ignored.
 *
 * @param reason why a publisher rejects (required for reject; the editor reads it)
 * @param publishAt when a scheduled item goes live (required for schedule)
 * @param unpublishAt when it comes off again (approve or schedule, optional)
 * @param revision the revision to restore (restore; the latest when absent)
 */
public record ActionRequest(
        String reason, Instant publishAt, Instant unpublishAt, Integer revision) {

    static final ActionRequest NONE = new ActionRequest(null, null, null, null);

    /** The most characters a reason may have. */
    static final int MAX_REASON = 2000;

    void requireFits(ContentAction action) {
        List<FieldError> errors = new ArrayList<>();
        only(errors, "reason", reason != null, action == ContentAction.REJECT);
        only(errors, "publishAt", publishAt != null, action == ContentAction.SCHEDULE);
        only(
                errors,
                "unpublishAt",
                unpublishAt != null,
                action == ContentAction.APPROVE || action == ContentAction.SCHEDULE);
        only(errors, "revision", revision != null, action == ContentAction.RESTORE);
        if (action == ContentAction.REJECT
                && (reason == null || reason.isBlank() || reason.length() > MAX_REASON)) {
            errors.add(
                    new FieldError(
                            "reason",
                            "is required to reject: tell the editor what to change (at most "
                                    + MAX_REASON
                                    + " characters)"));
        }
        if (reason != null && !ItemRules.isStorable(reason)) {
            errors.add(new FieldError("reason", ItemRules.NO_NUL));
        }
        if (action == ContentAction.SCHEDULE && publishAt == null) {
            errors.add(new FieldError("publishAt", "is required to schedule"));
        }
        if (!errors.isEmpty()) {
            throw ContentProblems.invalid(errors);
        }
    }

    private static void only(
            List<FieldError> errors, String field, boolean present, boolean allowed) {
        if (present && !allowed) {
            errors.add(new FieldError(field, "is not used by this action"));
        }
    }
}
