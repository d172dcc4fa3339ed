package uk.gov.hertfordshire.content.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import uk.gov.hertfordshire.content.rendering.Markdown.RawElement;

/**
 * The checks an item must pass before it is published: nothing the sanitiser would remove, internal
 * links only to live items, images with alternative text, headings that do not skip levels, link
 * text that says where it goes, and a reading age at or below the threshold. Every failure is
 * reported, each with where it is.
 *
 * <p>The link, image and heading gates read the Markdown syntax tree, so a link, image or heading
 * written as raw HTML (which the sanitiser keeps, as it keeps tables) would pass them unchecked:
 * the {@code raw-html} gate refuses those, naming the Markdown to write instead, and leaves every
 * other raw HTML the sanitiser allows (tables above all) alone.
 */
public final class PublishGates {

    /** Every gate, by the code a refusal names it with. */
    public static final List<String> GATES =
            List.of(
                    "sanitised",
                    "raw-html",
                    "internal-links",
                    "image-alt-text",
                    "heading-levels",
                    "link-text",
                    "reading-age");

    /** Link text that says nothing about where the link goes. */
    static final Set<String> MEANINGLESS_LINK_TEXT =
            Set.of(
                    "click here",
                    "here",
                    "click",
                    "read more",
                    "more",
                    "link",
                    "this link",
                    "this page",
                    "find out more",
                    "more info",
                    "more information",
                    "go");

    private final double maxReadingAge;

    /**
     * @param maxReadingAge the highest reading age an item may be published with
     */
    public PublishGates(double maxReadingAge) {
        this.maxReadingAge = maxReadingAge;
    }

    /**
     * Checks an item's Markdown sections.
     *
     * @param sections the body and any parts, steps or call script, each named for the report
     * @param livePath whether an internal path ({@code /roads/...}) is a live item
     * @param readerText the plain text a citizen reads, for the reading age
     */
    public GateReport check(List<Section> sections, Predicate<String> livePath, String readerText) {
        List<GateFailure> failures = new ArrayList<>();
        for (Section section : sections) {
            for (String removed : Markdown.removedBySanitiser(section.markdown())) {
                failures.add(
                        new GateFailure(
                                "sanitised",
                                section.name(),
                                removed + " is not allowed and would be removed"));
            }
            Node document = Markdown.parse(section.markdown());
            document.accept(new Checks(section, livePath, failures));
        }
        double readingAge = ReadingAge.of(readerText);
        if (readingAge > maxReadingAge) {
            failures.add(
                    new GateFailure(
                            "reading-age",
                            "body",
                            "reading age "
                                    + readingAge
                                    + " is above the limit of "
                                    + maxReadingAge
                                    + ": use shorter sentences and simpler words"));
        }
        return new GateReport(List.copyOf(failures), readingAge);
    }

    /** The checks on one section's syntax tree. */
    private static final class Checks extends AbstractVisitor {
        private final Section section;
        private final Predicate<String> livePath;
        private final List<GateFailure> failures;
        private int previousLevel;

        Checks(Section section, Predicate<String> livePath, List<GateFailure> failures) {
            this.section = section;
            this.livePath = livePath;
            this.failures = failures;
            this.previousLevel = section.headingLevelAbove();
        }

        @Override
        public void visit(Heading heading) {
            int level = heading.getLevel();
            if (level <= section.headingLevelAbove()) {
                fail(
                        "heading-levels",
                        heading,
                        "heading level "
                                + level
                                + " is taken by the title above it; start at level "
                                + (section.headingLevelAbove() + 1));
            } else if (level > previousLevel + 1) {
                fail(
                        "heading-levels",
                        heading,
                        "heading level " + level + " skips level " + (previousLevel + 1));
            }
            previousLevel = level;
            visitChildren(heading);
        }

        @Override
        public void visit(Image image) {
            if (Markdown.textOf(image).isBlank()) {
                fail(
                        "image-alt-text",
                        image,
                        "image " + image.getDestination() + " has no alternative text");
            }
        }

        @Override
        public void visit(Link link) {
            String text = Markdown.textOf(link);
            String normalised = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").strip();
            if (normalised.isEmpty() || MEANINGLESS_LINK_TEXT.contains(normalised)) {
                fail(
                        "link-text",
                        link,
                        "link text '" + text + "' does not say where the link goes");
            }
            String destination = link.getDestination();
            if (destination.startsWith("/") && !destination.startsWith("//")) {
                String path = destination.replaceAll("[?#].*$", "");
                if (!livePath.test(path)) {
                    fail(
                            "internal-links",
                            link,
                            "link to " + path + " does not point at a published item");
                }
            }
            visitChildren(link);
        }

        @Override
        public void visit(HtmlInline html) {
            rawHtml(html, html.getLiteral());
        }

        @Override
        public void visit(HtmlBlock html) {
            rawHtml(html, html.getLiteral());
        }

        /** Reported at the line the raw HTML starts on (an HTML block's first line). */
        private void rawHtml(Node node, String literal) {
            for (RawElement element : Markdown.linksImagesAndHeadingsIn(literal)) {
                fail("raw-html", node, inMarkdown(element));
            }
        }

        private static String inMarkdown(RawElement element) {
            switch (element.name()) {
                case "a":
                    return "link <a href=\""
                            + element.url()
                            + "\"> is raw HTML, which the link gates cannot check: write it in"
                            + " Markdown, [link text]("
                            + element.url()
                            + ")";
                case "img":
                    return "image <img src=\""
                            + element.url()
                            + "\"> is raw HTML, which the alternative text gate cannot check:"
                            + " write it in Markdown, ![alternative text]("
                            + element.url()
                            + ")";
                default:
                    int level = element.name().charAt(1) - '0';
                    return "heading <"
                            + element.name()
                            + "> is raw HTML, which the heading levels gate cannot check: write"
                            + " it in Markdown, "
                            + "#".repeat(level)
                            + " heading text";
            }
        }

        private void fail(String gate, Node node, String message) {
            int line = Markdown.lineOf(node);
            failures.add(
                    new GateFailure(
                            gate, section.name() + (line > 0 ? " line " + line : ""), message));
        }
    }

    /**
     * A named piece of Markdown.
     *
     * @param name where it is, as the report names it: {@code body}, {@code parts[0].body}
     * @param markdown its CommonMark
     * @param headingLevelAbove the level of the heading it sits under (1: the item's title)
     */
    public record Section(String name, String markdown, int headingLevelAbove) {}

    /**
     * One failed gate.
     *
     * @param gate which gate
     * @param where the section and line
     * @param message what is wrong, in the editor's terms
     */
    public record GateFailure(String gate, String where, String message) {}

    /**
     * The outcome of the gates.
     *
     * @param failures every failure, empty when the item may be published
     * @param readingAge the reading age of its text
     */
    public record GateReport(List<GateFailure> failures, double readingAge) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }
}
