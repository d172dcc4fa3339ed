package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.content.authoring.ContentProblems.FieldError;

/**
 * The field rules of each content type, checked once here for create and edit: every broken rule is
 * reported with its field, so an editor can fix them all at once.
 */
final class ItemRules {

    /** The most authored characters one item may hold; more is 413. */
    static final int MAX_CHARACTERS = 100_000;

    static final Pattern PATH = Pattern.compile("(/[a-z0-9]+(-[a-z0-9]+)*){1,6}");
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_PATH = 200;
    static final int MAX_TITLE = 150;
    static final int MAX_SUMMARY = 300;
    static final Set<String> PRIORITIES = Set.of("high", "medium", "low");
    static final Set<String> AUDIENCES = Set.of("public", "staff");
    static final String NO_NUL = "must not contain the NUL character (U+0000)";

    private ItemRules() {}

    /**
     * Checks an item's path and content for its type.
     *
     * @param unknownServiceCodes those of the content's service codes the catalogue does not hold
     * @return every broken rule, empty if none
     */
    static List<FieldError> check(
            ContentType type, String path, ItemContent content, List<String> unknownServiceCodes) {
        List<FieldError> errors = new ArrayList<>();
        if (path == null || path.length() > MAX_PATH || !PATH.matcher(path).matches()) {
            errors.add(
                    new FieldError(
                            "path",
                            "must be lower-case words joined by hyphens under slashes, such as"
                                    + " /roads/report-a-pothole, at most "
                                    + MAX_PATH
                                    + " characters"));
        }
        line(errors, "title", content.title(), MAX_TITLE);
        line(errors, "summary", content.summary(), MAX_SUMMARY);
        if (content.body() == null) {
            errors.add(new FieldError("body", "is required (CommonMark)"));
        }
        storable(errors, "body", content.body());
        storable(errors, "callScript", content.callScript());
        if (content.reviewBy() == null) {
            errors.add(new FieldError("reviewBy", "is required (a date, e.g. 2027-06-30)"));
        }
        for (String topic : content.topics()) {
            if (topic == null || !SLUG.matcher(topic).matches()) {
                errors.add(new FieldError("topics", "'" + topic + "' is not a topic slug"));
            }
        }
        for (String code : content.serviceCodes()) {
            if (code == null) {
                errors.add(new FieldError("serviceCodes", "'null' is not a catalogue code"));
            } else if (!isStorable(code)) {
                errors.add(new FieldError("serviceCodes", NO_NUL));
            }
        }
        if (!unknownServiceCodes.isEmpty()) {
            errors.add(
                    new FieldError(
                            "serviceCodes",
                            "not in the service catalogue: "
                                    + String.join(", ", unknownServiceCodes)));
        }
        boolean staff = "staff".equals(content.audience());
        if (!AUDIENCES.contains(content.audience())) {
            errors.add(new FieldError("audience", "must be public or staff"));
        }
        Set<ContentChannel> channels = channels(errors, content.channels());
        if (staff) {
            for (ContentChannel channel : channels) {
                if (channel.isPublic()) {
                    errors.add(
                            new FieldError(
                                    "channels",
                                    "a staff item cannot go on the public channel "
                                            + channel.wireValue()));
                }
            }
        }
        typeRules(errors, type, content, channels);
        return errors;
    }

    private static void typeRules(
            List<FieldError> errors,
            ContentType type,
            ItemContent content,
            Set<ContentChannel> channels) {
        onlyFor(errors, type, "parts", content.parts() != null, ContentType.GUIDE);
        onlyFor(errors, type, "steps", content.steps() != null, ContentType.STEP_BY_STEP);
        onlyFor(errors, type, "priority", content.priority() != null, ContentType.ALERT);
        onlyFor(
                errors,
                type,
                "startsAt",
                content.startsAt() != null,
                ContentType.ALERT,
                ContentType.COMMUNITY_LISTING);
        onlyFor(
                errors,
                type,
                "endsAt",
                content.endsAt() != null,
                ContentType.ALERT,
                ContentType.COMMUNITY_LISTING);
        onlyFor(
                errors,
                type,
                "callScript",
                content.callScript() != null,
                ContentType.KNOWLEDGE_ARTICLE);
        switch (type) {
            case GUIDE -> parts(errors, "parts", content.parts(), 2);
            case STEP_BY_STEP -> parts(errors, "steps", content.steps(), 2);
            case ALERT -> {
                if (!PRIORITIES.contains(content.priority())) {
                    errors.add(new FieldError("priority", "must be high, medium or low"));
                }
                times(errors, content.startsAt(), content.endsAt(), true);
            }
            case KNOWLEDGE_ARTICLE -> {
                if (content.callScript() == null || content.callScript().isBlank()) {
                    errors.add(
                            new FieldError(
                                    "callScript",
                                    "a knowledge article needs the call script agents follow"));
                }
                staffOnly(errors, content, channels, ContentChannel.CONTACT_CENTRE);
            }
            case INTRANET_PAGE -> staffOnly(errors, content, channels, ContentChannel.INTRANET);
            case COMMUNITY_LISTING -> {
                if (!"public".equals(content.audience())) {
                    errors.add(new FieldError("audience", "a community listing is public"));
                }
                times(errors, content.startsAt(), content.endsAt(), false);
            }
            default -> {
                // service pages and news: title, summary and body are enough
            }
        }
    }

    private static void staffOnly(
            List<FieldError> errors,
            ItemContent content,
            Set<ContentChannel> channels,
            ContentChannel required) {
        if (!"staff".equals(content.audience())) {
            errors.add(new FieldError("audience", "must be staff for this type"));
        }
        if (!channels.contains(required)) {
            errors.add(new FieldError("channels", "must include " + required.wireValue()));
        }
    }

    private static void times(
            List<FieldError> errors, Instant startsAt, Instant endsAt, boolean startRequired) {
        if (startRequired && startsAt == null) {
            errors.add(new FieldError("startsAt", "is required"));
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        }
    }

    private static void parts(
            List<FieldError> errors, String field, List<ItemContent.Part> parts, int least) {
        if (parts == null || parts.size() < least) {
            errors.add(new FieldError(field, "needs at least " + least));
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            ItemContent.Part part = parts.get(i);
            if (part == null) {
                errors.add(new FieldError(field + "[" + i + "]", "is required"));
                continue;
            }
            line(errors, field + "[" + i + "].title", part.title(), MAX_TITLE);
            if (part.body() == null || part.body().isBlank()) {
                errors.add(new FieldError(field + "[" + i + "].body", "is required"));
            }
            storable(errors, field + "[" + i + "].body", part.body());
        }
    }

    private static void onlyFor(
            List<FieldError> errors,
            ContentType type,
            String field,
            boolean present,
            ContentType first,
            ContentType... more) {
        if (present && !EnumSet.of(first, more).contains(type)) {
            errors.add(new FieldError(field, "is not a field of a " + type.wireValue()));
        }
    }

    private static Set<ContentChannel> channels(List<FieldError> errors, List<String> names) {
        Set<ContentChannel> channels = EnumSet.noneOf(ContentChannel.class);
        if (names.isEmpty()) {
            errors.add(new FieldError("channels", "must name at least one channel"));
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            ContentChannel.fromWire(name)
                    .ifPresentOrElse(
                            channels::add,
                            () ->
                                    errors.add(
                                            new FieldError(
                                                    "channels",
                                                    "'"
                                                            + name
                                                            + "' is not one of web, intranet,"
                                                            + " digital_tv, contact_centre")));
            if (!seen.add(String.valueOf(name))) {
                errors.add(new FieldError("channels", "'" + name + "' is named twice"));
            }
        }
        return channels;
    }

    private static void line(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max || value.contains("\n")) {
            errors.add(new FieldError(field, "must be one line of at most " + max + " characters"));
        }
        storable(errors, field, value);
    }

    /** Text PostgreSQL can store: no NUL character (U+0000), which it refuses in text. */
    static boolean isStorable(String value) {
        return value != null && value.indexOf('\0') < 0;
    }

    private static void storable(List<FieldError> errors, String field, String value) {
        if (value != null && !isStorable(value)) {
            errors.add(new FieldError(field, NO_NUL));
        }
    }
}
