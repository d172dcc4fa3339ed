package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.gov.hertfordshire.content.rendering.Markdown;
import uk.gov.hertfordshire.content.rendering.PublishGates.Section;

/**
 * What one revision of an item says. Fields that only some types use are null elsewhere ({@link
 * ItemRules} checks which).
 *
 * @param title one line
 * @param summary one or two sentences for lists and search results
 * @param body CommonMark
 * @param topics topic slugs
 * @param serviceCodes the catalogue services the item answers
 * @param channels wire values of {@link ContentChannel}
 * @param audience {@code public} or {@code staff}
 * @param reviewBy when it must next be checked
 * @param parts a guide's ordered parts
 * @param steps a step by step's ordered steps
 * @param priority an alert's priority: {@code high}, {@code medium} or {@code low}
 * @param startsAt when an alert (or a community event) starts
 * @param endsAt when an alert (or a community event) ends, if known
 * @param callScript a knowledge article's internal script for contact-centre agents (CommonMark)
 */
public record ItemContent(
        String title,
        String summary,
        String body,
        List<String> topics,
        List<String> serviceCodes,
        List<String> channels,
        String audience,
        LocalDate reviewBy,
        List<Part> parts,
        List<Part> steps,
        String priority,
        Instant startsAt,
        Instant endsAt,
        String callScript) {

    public ItemContent {
        topics = copy(topics);
        serviceCodes = copy(serviceCodes);
        channels = copy(channels);
    }

    /**
     * Characters of authored text, for the size limit; checked before {@link ItemRules}, so a
     * missing part or step counts nothing here and is refused by name there.
     */
    int length() {
        int total = length(title) + length(summary) + length(body) + length(callScript);
        for (Part part : partsAndSteps()) {
            if (part != null) {
                total += length(part.title()) + length(part.body());
            }
        }
        return total;
    }

    List<Part> partsAndSteps() {
        List<Part> all = new ArrayList<>();
        if (parts != null) {
            all.addAll(parts);
        }
        if (steps != null) {
            all.addAll(steps);
        }
        return all;
    }

    /** The Markdown the publish gates check, each named as a refusal names it. */
    public List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("body", body, 1));
        addSections(sections, "parts", parts);
        addSections(sections, "steps", steps);
        if (callScript != null) {
            sections.add(new Section("callScript", callScript, 1));
        }
        return sections;
    }

    /** What a citizen reads, as plain text: the body, then each part or step with its title. */
    public String readerText() {
        StringBuilder text = new StringBuilder(Markdown.text(body));
        for (Part part : partsAndSteps()) {
            text.append("\n").append(part.title()).append(".\n").append(Markdown.text(part.body()));
        }
        return text.toString().strip();
    }

    private static void addSections(List<Section> sections, String name, List<Part> parts) {
        if (parts == null) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            sections.add(new Section(name + "[" + i + "].body", parts.get(i).body(), 2));
        }
    }

    /** An unmodifiable copy that keeps a null entry, for {@link ItemRules} to refuse by name. */
    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * One part of a guide or step of a step by step.
     *
     * @param title its heading
     * @param body CommonMark
     */
    public record Part(String title, String body) {}
}
