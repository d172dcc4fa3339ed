package uk.gov.hertfordshire.content.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * CommonMark bodies, parsed and rendered by commonmark-java and never trusted as HTML: the rendered
 * HTML always passes the OWASP sanitiser's allow-list below (no scripts, no event-handler
 * attributes, no {@code javascript:} or {@code data:} URLs), and plain text leaves raw HTML out.
 */
public final class Markdown {

    private static final Parser PARSER =
            Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

    /** What a council page may contain: text structure, links, images and tables. */
    static final PolicyFactory POLICY =
            new HtmlPolicyBuilder()
                    .allowElements(
                            "p",
                            "h1",
                            "h2",
                            "h3",
                            "h4",
                            "h5",
                            "h6",
                            "ul",
                            "ol",
                            "li",
                            "blockquote",
                            "pre",
                            "code",
                            "em",
                            "strong",
                            "a",
                            "img",
                            "hr",
                            "br",
                            "table",
                            "thead",
                            "tbody",
                            "tr",
                            "th",
                            "td")
                    .allowUrlProtocols("https", "http", "mailto", "tel")
                    .allowAttributes("href", "title")
                    .onElements("a")
                    .allowAttributes("src", "alt", "title")
                    .onElements("img")
                    .allowAttributes("start")
                    .onElements("ol")
                    .toFactory();

    private Markdown() {}

    /** The syntax tree, with each node's source lines. */
    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** Sanitised HTML: safe to put in a page as it is. */
    public static String html(String markdown) {
        return POLICY.sanitize(HTML.render(parse(markdown)));
    }

    /**
     * What the sanitiser would take out of the rendered body, one line each, e.g. {@code element
     * <script>}: empty for a body that is already safe.
     */
    public static List<String> removedBySanitiser(String markdown) {
        List<String> removed = new ArrayList<>();
        POLICY.sanitize(
                HTML.render(parse(markdown)),
                new HtmlChangeListener<List<String>>() {
                    @Override
                    public void discardedTag(List<String> context, String elementName) {
                        context.add("element <" + elementName + ">");
                    }

                    @Override
                    public void discardedAttributes(
                            List<String> context, String tagName, String... attributeNames) {
                        for (String attribute : attributeNames) {
                            context.add("attribute " + attribute + " on <" + tagName + ">");
                        }
                    }
                },
                removed);
        return removed;
    }

    /** The elements the link, image and heading gates check, when raw HTML writes them. */
    private static final Set<String> LINKS_IMAGES_AND_HEADINGS =
            Set.of("a", "img", "h1", "h2", "h3", "h4", "h5", "h6");

    /**
     * The links, images and headings a piece of raw HTML (a CommonMark HTML block or inline tag)
     * puts in the page: lexed by the sanitiser with the page's own allow-list and seen through its
     * event callbacks, so exactly what survives sanitising (a tag the sanitiser drops, such as an
     * {@code <a>} left without an {@code href}, is not here, nor is one in a comment).
     */
    static List<RawElement> linksImagesAndHeadingsIn(String rawHtml) {
        List<RawElement> found = new ArrayList<>();
        HtmlSanitizer.sanitize(
                rawHtml,
                POLICY.apply(
                        new HtmlStreamEventReceiver() {
                            @Override
                            public void openTag(String elementName, List<String> attributes) {
                                if (LINKS_IMAGES_AND_HEADINGS.contains(elementName)) {
                                    String url = "a".equals(elementName) ? "href" : "src";
                                    found.add(
                                            new RawElement(
                                                    elementName, attribute(attributes, url)));
                                }
                            }

                            @Override
                            public void openDocument() {}

                            @Override
                            public void closeDocument() {}

                            @Override
                            public void closeTag(String elementName) {}

                            @Override
                            public void text(String text) {}
                        }));
        return found;
    }

    /** An attribute's value from the sanitiser's name, value, name, value list; empty if absent. */
    private static String attribute(List<String> attributes, String name) {
        for (int i = 0; i + 1 < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return attributes.get(i + 1);
            }
        }
        return "";
    }

    /**
     * A link, image or heading written in raw HTML.
     *
     * @param name the element: {@code a}, {@code img}, {@code h1} to {@code h6}
     * @param url a link's {@code href} or an image's {@code src}; empty for a heading
     */
    record RawElement(String name, String url) {}

    /** The words of the body as plain text, paragraphs on lines of their own, raw HTML left out. */
    public static String text(String markdown) {
        StringBuilder out = new StringBuilder();
        parse(markdown)
                .accept(
                        new AbstractVisitor() {
                            @Override
                            public void visit(Text text) {
                                out.append(text.getLiteral());
                            }

                            @Override
                            public void visit(Code code) {
                                out.append(code.getLiteral());
                            }

                            @Override
                            public void visit(SoftLineBreak softLineBreak) {
                                out.append(' ');
                            }

                            @Override
                            public void visit(HardLineBreak hardLineBreak) {
                                out.append(' ');
                            }

                            @Override
                            public void visit(HtmlInline htmlInline) {
                                // never carried into plain text
                            }

                            @Override
                            public void visit(HtmlBlock htmlBlock) {
                                // never carried into plain text
                            }

                            @Override
                            protected void visitChildren(Node parent) {
                                super.visitChildren(parent);
                                if (parent instanceof Block && out.length() > 0) {
                                    endLine(out);
                                }
                            }
                        });
        return out.toString().strip();
    }

    private static void endLine(StringBuilder out) {
        if (out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** The text of a node's descendants (a link's or an image's words). */
    static String textOf(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Text text) {
                        out.append(text.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        out.append(code.getLiteral());
                    }
                });
        return out.toString().strip();
    }

    /** The 1-based source line a node starts on, or 0 when unknown. */
    static int lineOf(Node node) {
        return node.getSourceSpans().isEmpty()
                ? 0
                : node.getSourceSpans().get(0).getLineIndex() + 1;
    }
}
