package uk.gov.hertfordshire.content.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import uk.gov.hertfordshire.content.authoring.ContentChannel;
import uk.gov.hertfordshire.content.rendering.Markdown;
import uk.gov.hertfordshire.content.rendering.ShortText;

/**
 * What each channel shows of a live item: sanitised HTML on the web and intranet, short plain text
 * on digital TV (title and body within configured limits), and on the contact centre the article
 * with its internal call script — the only rendition that carries the script.
 */
@Component
class Renditions {

    private final int tvTitleLimit;
    private final int tvBodyLimit;

    Renditions(
            @Value("${platform.content.digital-tv.title-limit:60}") int tvTitleLimit,
            @Value("${platform.content.digital-tv.body-limit:500}") int tvBodyLimit) {
        this.tvTitleLimit = tvTitleLimit;
        this.tvBodyLimit = tvBodyLimit;
    }

    Map<String, Object> render(LiveItem item, ContentChannel channel) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", item.id());
        view.put("type", item.type());
        view.put("path", item.path());
        view.put("revision", item.revision());
        view.put("channel", channel.wireValue());
        view.put("publishedAt", item.publishedAt());
        alertFields(item, view);
        if (channel == ContentChannel.DIGITAL_TV) {
            view.put("title", ShortText.fit(item.title(), tvTitleLimit));
            view.put("text", ShortText.fit(item.plainText(), tvBodyLimit));
            return view;
        }
        view.put("title", item.title());
        view.put("summary", item.summary());
        view.put("html", html(item));
        view.put("topics", item.topics());
        view.put("serviceCodes", item.serviceCodes());
        if (channel == ContentChannel.CONTACT_CENTRE
                && item.details().get("callScript") instanceof String script) {
            view.put("callScriptHtml", Markdown.html(script));
        }
        return view;
    }

    /** A line in a list or search result: no body, so nothing channel-specific beyond the title. */
    Map<String, Object> summary(LiveItem item, ContentChannel channel) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", item.id());
        view.put("type", item.type());
        view.put("path", item.path());
        view.put(
                "title",
                channel == ContentChannel.DIGITAL_TV
                        ? ShortText.fit(item.title(), tvTitleLimit)
                        : item.title());
        view.put("summary", item.summary());
        alertFields(item, view);
        return view;
    }

    private static void alertFields(LiveItem item, Map<String, Object> view) {
        for (String field : List.of("priority", "startsAt", "endsAt")) {
            if (item.details().get(field) != null) {
                view.put(field, item.details().get(field));
            }
        }
    }

    /** The body, then each part or step under its own heading, all sanitised. */
    private static String html(LiveItem item) {
        StringBuilder html = new StringBuilder(Markdown.html(item.body()));
        List<Map<String, Object>> sections = new ArrayList<>();
        sections.addAll(parts(item.details().get("parts")));
        sections.addAll(parts(item.details().get("steps")));
        int step = 1;
        boolean steps = item.details().get("steps") != null;
        for (Map<String, Object> part : sections) {
            String title = HtmlUtils.htmlEscape(String.valueOf(part.get("title")));
            html.append("<h2>")
                    .append(steps ? "Step " + step++ + ": " : "")
                    .append(title)
                    .append("</h2>")
                    .append(Markdown.html(String.valueOf(part.get("body"))));
        }
        return html.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parts(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
