package uk.gov.hertfordshire.content.authoring;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two revisions, field by field, as unified diffs an editor can read (lines
 * starting {@code -} were removed, {@code +} added), computed by java-diff-utils.
 */
final class RevisionDiff {

    private RevisionDiff() {}

    static List<FieldChange> between(Revision from, Revision to) {
        Map<String, String> before = fields(from.content());
        Map<String, String> after = fields(to.content());
        List<FieldChange> changes = new ArrayList<>();
        for (String field : before.keySet()) {
            String a = before.get(field);
            String b = after.get(field);
            if (Objects.equals(a, b)) {
                continue;
            }
            List<String> aLines = Arrays.asList(a.split("\n", -1));
            List<String> bLines = Arrays.asList(b.split("\n", -1));
            Patch<String> patch = DiffUtils.diff(aLines, bLines);
            List<String> diff =
                    UnifiedDiffUtils.generateUnifiedDiff(
                            "revision " + from.number(),
                            "revision " + to.number(),
                            aLines,
                            patch,
                            2);
            changes.add(new FieldChange(field, String.join("\n", diff)));
        }
        return changes;
    }

    private static Map<String, String> fields(ItemContent c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", text(c.title()));
        fields.put("summary", text(c.summary()));
        fields.put("body", text(c.body()));
        fields.put("parts", parts(c.parts()));
        fields.put("steps", parts(c.steps()));
        fields.put("callScript", text(c.callScript()));
        fields.put("topics", String.join("\n", c.topics()));
        fields.put("serviceCodes", String.join("\n", c.serviceCodes()));
        fields.put("channels", String.join("\n", c.channels()));
        fields.put("audience", text(c.audience()));
        fields.put("reviewBy", String.valueOf(c.reviewBy()));
        fields.put("priority", text(c.priority()));
        fields.put("startsAt", String.valueOf(c.startsAt()));
        fields.put("endsAt", String.valueOf(c.endsAt()));
        return fields;
    }

    private static String parts(List<ItemContent.Part> parts) {
        if (parts == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (ItemContent.Part part : parts) {
            out.append("## ").append(part.title()).append("\n").append(part.body()).append("\n");
        }
        return out.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * One changed field.
     *
     * @param field the field's name in the API
     * @param diff a unified diff of its text
     */
    record FieldChange(String field, String diff) {}
}
