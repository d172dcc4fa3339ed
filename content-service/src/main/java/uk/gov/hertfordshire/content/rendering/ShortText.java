package uk.gov.hertfordshire.content.rendering;

/**
 * Text cut to fit a small screen: whole sentences where a sentence boundary falls in the second
 * half of the limit, otherwise whole words followed by an ellipsis, never a cut word.
 */
public final class ShortText {

    private static final String ELLIPSIS = "…";

    private ShortText() {}

    /** The text, at most {@code limit} characters long (the ellipsis counted). */
    public static String fit(String text, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2 but was " + limit);
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= limit) {
            return flat;
        }
        int sentenceEnd = -1;
        for (int i = 0; i < limit; i++) {
            char c = flat.charAt(i);
            boolean boundary = i + 1 == flat.length() || flat.charAt(i + 1) == ' ';
            if ((c == '.' || c == '!' || c == '?') && boundary) {
                sentenceEnd = i + 1;
            }
        }
        if (sentenceEnd >= limit / 2) {
            return flat.substring(0, sentenceEnd);
        }
        int room = limit - ELLIPSIS.length();
        int wordEnd = flat.charAt(room) == ' ' ? room : flat.lastIndexOf(' ', room);
        if (wordEnd <= 0) {
            return flat.substring(0, room) + ELLIPSIS; // one word longer than the screen
        }
        return flat.substring(0, wordEnd).replaceAll("[\\s,;:–-]+$", "") + ELLIPSIS;
    }
}
