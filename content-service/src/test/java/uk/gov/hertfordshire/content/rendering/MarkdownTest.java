package uk.gov.hertfordshire.content.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    static final String HOSTILE =
            "Safe *text*.\n\n<script>alert('x')</script>\n\n<img src=\"/a.png\" onerror=\"alert(1)\""
                    + " alt=\"a map\">\n\n[the map](javascript:alert(1))";

    @Test
    void scriptsEventHandlersAndJavascriptLinksAreRemoved() {
        String html = Markdown.html(HOSTILE);
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("alert")
                .doesNotContain("onerror")
                .doesNotContain("javascript:");
        assertThat(html).contains("<em>text</em>").contains("alt=\"a map\"").contains("the map");
    }

    @Test
    void ordinaryMarkdownIsKept() {
        assertThat(Markdown.html("## Heading\n\n- one\n- [two](https://example.org/x)"))
                .isEqualTo(
                        "<h2>Heading</h2>\n<ul><li>one</li><li><a"
                                + " href=\"https://example.org/x\">two</a></li></ul>\n");
    }

    @Test
    void namesWhatTheSanitiserWouldRemove() {
        assertThat(Markdown.removedBySanitiser(HOSTILE))
                .contains("element <script>", "attribute onerror on <img>", "element <a>");
        assertThat(Markdown.removedBySanitiser("Plain [link](/roads/x).")).isEmpty();
    }

    @Test
    void plainTextLeavesMarkupAndRawHtmlOut() {
        assertThat(
                        Markdown.text(
                                "**Bold** and [a link](/x).\n\n<b>inline</b> tags keep their"
                                        + " words.\n\n<script>alert(1)</script>\n\nNext."))
                .isEqualTo("Bold and a link.\ninline tags keep their words.\nNext.");
    }
}
