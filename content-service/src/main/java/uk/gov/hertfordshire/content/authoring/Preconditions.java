package uk.gov.hertfordshire.content.authoring;

/**
 * {@code If-Match} on every write: without it 428, with a tag other than the item's current one
 * 412. A wildcard is not accepted: it would let someone publish a revision they have not seen.
 */
final class Preconditions {

    private Preconditions() {}

    static void requireMatch(String currentEtag, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ContentProblems.preconditionRequired();
        }
        for (String tag : ifMatch.split(",")) {
            if (tag.strip().equals(currentEtag)) {
                return;
            }
        }
        throw ContentProblems.preconditionFailed(currentEtag);
    }
}
