package uk.gov.hertfordshire.content.rendering;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reading age of plain English text: the Flesch–Kincaid grade level plus five (a US grade 4
 * reader is about nine), the measure the council's content standard uses. Syllables are counted by
 * the usual vowel-group rule, which is close enough for a gate that blocks hard pages.
 */
public final class ReadingAge {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:'[A-Za-z]+)?");

    /**
     * A sentence ends at a full stop, question or exclamation mark, or at the end of a line: a
     * heading or list item is a sentence of its own even without a full stop.
     */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(?=\\s|$)|\\n");

    private static final Pattern HAS_WORD = Pattern.compile("[A-Za-z]");
    private static final Pattern VOWEL_GROUP = Pattern.compile("[aeiouy]{1,2}");

    private ReadingAge() {}

    /** The reading age in years, to one decimal place; 0 for text without words. */
    public static double of(String text) {
        Matcher words = WORD.matcher(text);
        int wordCount = 0;
        int syllables = 0;
        while (words.find()) {
            wordCount++;
            syllables += syllables(words.group());
        }
        if (wordCount == 0) {
            return 0;
        }
        int sentences = 0;
        for (String sentence : SENTENCE_END.split(text)) {
            if (HAS_WORD.matcher(sentence).find()) {
                sentences++;
            }
        }
        sentences = Math.max(1, sentences);
        double grade = 0.39 * wordCount / sentences + 11.8 * syllables / (double) wordCount - 15.59;
        return Math.round((Math.max(0, grade) + 5) * 10) / 10.0;
    }

    /** Syllables in one word by vowel groups, less a silent final e or -es/-ed; at least one. */
    static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.length() <= 3) {
            return 1;
        }
        w = w.replaceAll("(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "").replaceAll("^y", "");
        int count = (int) VOWEL_GROUP.matcher(w).results().count();
        return Math.max(1, count);
    }
}
