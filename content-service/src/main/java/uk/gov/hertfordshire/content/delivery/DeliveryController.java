package uk.gov.hertfordshire.content.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * The delivery API for citizen apps, the digital TV service and the contact centre, under {@code
 * /api/content/channels/{channel}/}: {@code pages?path=}, {@code items?topic=} or {@code
 * items?serviceCode=}, {@code alerts}, {@code search?q=}, and the "this answered my question"
 * feedback. A page carries a strong ETag, a hash of the bytes sent, answers {@code If-None-Match}
 * with 304 while they are the same, and is rendered once per live revision, publication and channel
 * ({@link PageCache}).
 */
@RestController
@RequestMapping("/api/content/channels/{channel}")
class DeliveryController {

    private static final int LIST_LIMIT = 100;
    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final LiveContent live;
    private final Renditions renditions;
    private final PageCache pages;
    private final SearchCache searches;
    private final Feedback feedback;
    private final ListingReports reports;
    private final Clock clock;

    DeliveryController(
            LiveContent live,
            Renditions renditions,
            PageCache pages,
            SearchCache searches,
            Feedback feedback,
            ListingReports reports,
            Clock clock) {
        this.live = live;
        this.renditions = renditions;
        this.pages = pages;
        this.searches = searches;
        this.feedback = feedback;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/pages")
    ResponseEntity<?> page(
            @PathVariable String channel,
            @RequestParam String path,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                    String ifNoneMatch) {
        ContentChannel on = ChannelAccess.require(channel);
        Optional<LiveRef> found = live.refByPath(on, lookup("path", path));
        if (found.isEmpty()) {
            return notFound("No published page has this path on " + on.wireValue() + ".");
        }
        PageCache.Page page = pages.page(found.get(), on);
        CacheControl cache = cacheControl(on);
        if (ifNoneMatch != null && matches(ifNoneMatch, page.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(page.etag())
                    .cacheControl(cache)
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(page.etag())
                .cacheControl(cache)
                .contentType(MediaType.APPLICATION_JSON)
                .body(page.body());
    }

    @GetMapping("/items")
    ResponseEntity<?> items(
            @PathVariable String channel,
            @RequestParam(required = false) String topic,
            @RequestParam(required = false) String serviceCode) {
        ContentChannel on = ChannelAccess.require(channel);
        if ((topic == null) == (serviceCode == null)) {
            throw new IllegalArgumentException("give exactly one of topic and serviceCode");
        }
        return ResponseEntity.ok()
                .cacheControl(cacheControl(on))
                .body(
                        live
                                .list(
                                        on,
                                        lookup("topic", topic),
                                        lookup("serviceCode", serviceCode),
                                        LIST_LIMIT)
                                .stream()
                                .map(item -> renditions.summary(item, on))
                                .toList());
    }

    @GetMapping("/alerts")
    ResponseEntity<?> alerts(@PathVariable String channel) {
        ContentChannel on = ChannelAccess.require(channel);
        return ResponseEntity.ok()
                .cacheControl(cacheControl(on))
                .body(
                        live.alerts(on, clock.instant()).stream()
                                .map(item -> renditions.summary(item, on))
                                .toList());
    }

    @GetMapping("/search")
    ResponseEntity<?> search(
            @PathVariable String channel, @RequestParam(required = false) String q) {
        ContentChannel on = ChannelAccess.require(channel);
        return ResponseEntity.ok()
                .cacheControl(cacheControl(on))
                .contentType(MediaType.APPLICATION_JSON)
                .body(searches.answer(on, q));
    }

    /**
     * "This answered my question": 202 whether or not it was counted (a repeat from the same
     * address on the same day is not), so a script learns nothing by repeating it.
     */
    @PostMapping("/items/{id}/feedback")
    ResponseEntity<?> feedback(
            @PathVariable String channel, @PathVariable UUID id, HttpServletRequest request) {
        ContentChannel on = ChannelAccess.require(channel);
        Optional<LiveItem> item = live.byId(on, id);
        if (item.isEmpty()) {
            return notFound("No published item has this id on " + on.wireValue() + ".");
        }
        boolean counted = feedback.record(item.get(), on, ClientAddress.of(request));
        return ResponseEntity.accepted().body(Map.of("counted", counted));
    }

    /**
     * Reports a live community listing as unsuitable: 202 either way (a repeat from one address on
     * one day is not counted); enough reports send it back to moderation.
     */
    @PostMapping("/items/{id}/report")
    ResponseEntity<?> report(
            @PathVariable String channel, @PathVariable UUID id, HttpServletRequest request) {
        ContentChannel on = ChannelAccess.require(channel);
        Optional<LiveItem> item =
                live.byId(on, id).filter(found -> "community_listing".equals(found.type()));
        if (item.isEmpty()) {
            return notFound(
                    "No published community listing has this id on " + on.wireValue() + ".");
        }
        reports.report(item.get(), ClientAddress.of(request));
        return ResponseEntity.accepted().body(Map.of("received", true));
    }

    /**
     * A lookup parameter as given, or a 400 naming it if it holds a control character: no path,
     * topic or service code has one, and PostgreSQL refuses a NUL (U+0000) in text.
     */
    private static String lookup(String name, String value) {
        if (value == null || !CONTROL.matcher(value).find()) {
            return value;
        }
        String message = "must not contain control characters such as NUL (U+0000)";
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, name + " " + message + ".");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", name, "message", message)));
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static CacheControl cacheControl(ContentChannel channel) {
        return channel.isPublic()
                ? CacheControl.maxAge(MAX_AGE).cachePublic()
                : CacheControl.noCache().cachePrivate();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<?> notFound(String detail) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail))
                .build();
    }
}
