package uk.gov.hertfordshire.content.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateFailure;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateReport;
import uk.gov.hertfordshire.content.rendering.PublishGates.Section;

/** Each gate fails with its reason beside the passing item that differs only there. */
class PublishGatesTest {

    static final Predicate<String> LIVE = "/roads/report-a-pothole"::equals;

    static final String PASSING =
            "Tell us about it.\n\n## What to send\n\nSee [how to report a pothole](/roads/report-a-pothole).\n\n"
                    + "![A map of the area](/map.png)";

    private final PublishGates gates = new PublishGates(12);

    @Test
    void aGoodItemPassesAndShowsItsReadingAge() {
        GateReport report = check(PASSING);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.readingAge()).isPositive().isLessThan(12);
    }

    @Test
    void anInternalLinkToAnItemThatIsNotLiveFails() {
        assertThat(check(PASSING.replace("/roads/report-a-pothole", "/roads/gone")).failures())
                .containsExactly(
                        new GateFailure(
                                "internal-links",
                                "body line 5",
                                "link to /roads/gone does not point at a published item"));
    }

    @Test
    void anImageWithoutAlternativeTextFails() {
        assertThat(check(PASSING.replace("A map of the area", "")).failures())
                .containsExactly(
                        new GateFailure(
                                "image-alt-text",
                                "body line 7",
                                "image /map.png has no alternative text"));
    }

    @Test
    void aHeadingThatSkipsALevelFails() {
        assertThat(check(PASSING.replace("## What", "### What")).failures())
                .containsExactly(
                        new GateFailure(
                                "heading-levels", "body line 3", "heading level 3 skips level 2"));
    }

    @Test
    void linkTextThatSaysNothingFails() {
        assertThat(check(PASSING.replace("how to report a pothole", "click here")).failures())
                .containsExactly(
                        new GateFailure(
                                "link-text",
                                "body line 5",
                                "link text 'click here' does not say where the link goes"));
    }

    @Test
    void htmlTheSanitiserWouldRemoveFails() {
        List<GateFailure> failures = check(PASSING + "\n\n<script>alert(1)</script>").failures();
        assertThat(failures).extracting(GateFailure::gate).containsExactly("sanitised");
        assertThat(failures.get(0).message()).contains("<script>");
    }

    @Test
    void aReadingAgeAboveTheLimitFails() {
        String hard =
                "Residents requiring additional assistance should contact their local authority"
                        + " immediately.";
        GateReport report = check(PASSING + "\n\n" + hard);
        assertThat(report.failures()).extracting(GateFailure::gate).containsExactly("reading-age");
        assertThat(report.failures().get(0).message()).contains("above the limit of 12.0");
    }

    @Test
    void everyFailureIsListedAtOnceWithWhereItIs() {
        String bad =
                "### Deep\n\n[here](/roads/gone)\n\n![](/x.png)\n\n<img src=x onerror=alert(1)>";
        GateReport report =
                gates.check(
                        List.of(
                                new Section("body", bad, 1),
                                new Section("parts[0].body", "# Top", 2)),
                        LIVE,
                        "Short words.");
        assertThat(report.failures())
                .extracting(GateFailure::gate)
                .containsExactlyInAnyOrder(
                        "sanitised",
                        "raw-html",
                        "heading-levels",
                        "link-text",
                        "internal-links",
                        "image-alt-text",
                        "heading-levels");
        assertThat(report.failures())
                .extracting(GateFailure::where)
                .contains("parts[0].body line 1");
    }

    /** A meaningless link to an item that is not live, an image without alt text, a skip. */
    static final String RAW_HTML =
            "<a href=\"/roads/gone\">click here</a>\n\n<img src=\"/x.png\">\n\n<h5>x</h5>";

    /** The same three, written in Markdown. */
    static final String SAME_IN_MARKDOWN = "[click here](/roads/gone)\n\n![](/x.png)\n\n##### x";

    @Test
    void aLinkImageAndHeadingInRawHtmlAreRefusedWhereTheyAreBesideTheSameInMarkdown() {
        // Lines 9, 11 and 13, after the passing item's seven and a blank line.
        assertThat(check(PASSING + "\n\n" + RAW_HTML).failures())
                .containsExactly(
                        new GateFailure(
                                "raw-html",
                                "body line 9",
                                "link <a href=\"/roads/gone\"> is raw HTML, which the link gates"
                                        + " cannot check: write it in Markdown, [link"
                                        + " text](/roads/gone)"),
                        new GateFailure(
                                "raw-html",
                                "body line 11",
                                "image <img src=\"/x.png\"> is raw HTML, which the alternative"
                                        + " text gate cannot check: write it in Markdown,"
                                        + " ![alternative text](/x.png)"),
                        new GateFailure(
                                "raw-html",
                                "body line 13",
                                "heading <h5> is raw HTML, which the heading levels gate cannot"
                                        + " check: write it in Markdown, ##### heading text"));

        // The control: the same content in Markdown fails the four gates raw HTML would dodge.
        assertThat(check(PASSING + "\n\n" + SAME_IN_MARKDOWN).failures())
                .containsExactlyInAnyOrder(
                        new GateFailure(
                                "link-text",
                                "body line 9",
                                "link text 'click here' does not say where the link goes"),
                        new GateFailure(
                                "internal-links",
                                "body line 9",
                                "link to /roads/gone does not point at a published item"),
                        new GateFailure(
                                "image-alt-text",
                                "body line 11",
                                "image /x.png has no alternative text"),
                        new GateFailure(
                                "heading-levels", "body line 13", "heading level 5 skips level 3"));
    }

    /** A table as raw HTML (core CommonMark has none), its first line 9. */
    static final String TABLE =
            "<table>\n<thead><tr><th>Depth</th><th>We fix it within</th></tr></thead>\n"
                    + "<tbody><tr><td>CELL</td><td>5 days</td></tr></tbody>\n</table>";

    @Test
    void aRawHtmlTablePassesBesideTheSameTableHoldingARawHtmlLink() {
        assertThat(check(PASSING + "\n\n" + TABLE.replace("CELL", "Deep")).failures()).isEmpty();

        String rawLink = "<a href=\"/roads/report-a-pothole\">Deep</a>";
        assertThat(check(PASSING + "\n\n" + TABLE.replace("CELL", rawLink)).failures())
                .extracting(GateFailure::gate, GateFailure::where)
                .containsExactly(tuple("raw-html", "body line 9"));

        // The way out the message points to: the link in Markdown, on lines of its own.
        String markdownLink = "\n\n[Deep](/roads/report-a-pothole)\n\n";
        assertThat(check(PASSING + "\n\n" + TABLE.replace("CELL", markdownLink)).failures())
                .isEmpty();
        assertThat(Markdown.html(TABLE.replace("CELL", markdownLink)))
                .contains("<td>\n<p><a href=\"/roads/report-a-pothole\">Deep</a></p>\n</td>");
    }

    private GateReport check(String body) {
        return gates.check(List.of(new Section("body", body, 1)), LIVE, Markdown.text(body));
    }
}
