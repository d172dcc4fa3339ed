package uk.gov.hertfordshire.content.authoring;

import static uk.gov.hertfordshire.content.authoring.ContentStatus.ARCHIVED;
import static uk.gov.hertfordshire.content.authoring.ContentStatus.DRAFT;
import static uk.gov.hertfordshire.content.authoring.ContentStatus.IN_REVIEW;
import static uk.gov.hertfordshire.content.authoring.ContentStatus.PUBLISHED;
import static uk.gov.hertfordshire.content.authoring.ContentStatus.SCHEDULED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The workflow's state machine. Each action leads to one status and is allowed only from the
 * statuses listed; anything else is refused with 409 naming them. Approving and scheduling are for
 * publishers, under the four-eyes rule and the publish gates.
 *
 * <pre>
 * draft ─submit→ in_review ─approve→ published ─archive→ archived
 *   ▲               │  └─schedule→ scheduled ─(its time)→ published
 *   └────reject─────┘                │
 *   ◀──────────unpublish─────────────┴── published
 *   ◀──restore── (any but scheduled)
 * </pre>
 */
public enum ContentAction {
    SUBMIT(IN_REVIEW, EnumSet.of(DRAFT), false),
    APPROVE(PUBLISHED, EnumSet.of(IN_REVIEW), true),
    REJECT(DRAFT, EnumSet.of(IN_REVIEW), true),
    SCHEDULE(SCHEDULED, EnumSet.of(IN_REVIEW), true),
    UNPUBLISH(DRAFT, EnumSet.of(PUBLISHED, SCHEDULED), true),
    ARCHIVE(ARCHIVED, EnumSet.of(DRAFT, PUBLISHED), true),
    RESTORE(DRAFT, EnumSet.of(DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED), false);

    private final ContentStatus to;
    private final Set<ContentStatus> from;
    private final boolean publisherOnly;

    ContentAction(ContentStatus to, Set<ContentStatus> from, boolean publisherOnly) {
        this.to = to;
        this.from = from;
        this.publisherOnly = publisherOnly;
    }

    public ContentStatus to() {
        return to;
    }

    public Set<ContentStatus> allowedFrom() {
        return EnumSet.copyOf(from);
    }

    public boolean isAllowedFrom(ContentStatus status) {
        return from.contains(status);
    }

    /** Whether only a PUBLISHER may take it (an EDITOR may submit and restore). */
    public boolean publisherOnly() {
        return publisherOnly;
    }

    /** The action's name in URLs, e.g. {@code approve}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContentAction fromWire(String name) {
        for (ContentAction action : values()) {
            if (action.wireValue().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a workflow action");
    }
}
