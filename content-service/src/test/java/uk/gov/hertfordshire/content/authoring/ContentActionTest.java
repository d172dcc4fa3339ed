package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ContentActionTest {

    @Test
    void theWorkflowRunsDraftReviewPublishedArchived() {
        ContentStatus status = ContentStatus.DRAFT;
        for (ContentAction action :
                new ContentAction[] {
                    ContentAction.SUBMIT, ContentAction.APPROVE, ContentAction.ARCHIVE
                }) {
            assertThat(action.isAllowedFrom(status)).as(action + " from " + status).isTrue();
            status = action.to();
        }
        assertThat(status).isEqualTo(ContentStatus.ARCHIVED);
    }

    @Test
    void onlyPublishersDecide() {
        assertThat(EnumSet.allOf(ContentAction.class).stream().filter(a -> !a.publisherOnly()))
                .containsExactlyInAnyOrder(ContentAction.SUBMIT, ContentAction.RESTORE);
    }

    @Test
    void approvingNeedsAReviewAndAScheduledItemCannotBeRestoredUntilUnpublished() {
        assertThat(ContentAction.APPROVE.allowedFrom()).containsExactly(ContentStatus.IN_REVIEW);
        assertThat(ContentAction.RESTORE.isAllowedFrom(ContentStatus.SCHEDULED)).isFalse();
        assertThat(ContentAction.UNPUBLISH.isAllowedFrom(ContentStatus.SCHEDULED)).isTrue();
    }

    @Test
    void actionsAreNamedByTheirPath() {
        assertThat(ContentAction.fromWire("approve")).isEqualTo(ContentAction.APPROVE);
        assertThatThrownBy(() -> ContentAction.fromWire("publish"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
