package uk.gov.hertfordshire.cases.catalogue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * {@code /api/catalogue/services}: the catalogue, read by anyone and changed by ADMIN.
 *
 * <p>Reads are open without a token, because citizens choose a service before they sign in: a
 * caller who is not staff (anonymous, a citizen, a partner) sees the services citizens can request
 * online and that are not withdrawn; any staff role sees every service, withdrawn and offline-only
 * ones included. Anything else is 404, like a code that does not exist.
 *
 * <p>Changes need ADMIN. {@code POST} creates (with {@code Idempotency-Key}, like every create);
 * {@code PUT /{code}} replaces the whole definition and {@code POST /{code}/withdrawal} withdraws
 * it, both with {@code If-Match} carrying the ETag of the version changed: none is 428, another
 * version 412. A withdrawn service cannot change.
 */
@RestController
@RequestMapping("/api/catalogue/services")
class CatalogueController {

    private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,9})\"");

    private final Catalogue catalogue;
    private final CatalogueAdministration administration;

    CatalogueController(Catalogue catalogue, CatalogueAdministration administration) {
        this.catalogue = catalogue;
        this.administration = administration;
    }

    /**
     * Tells the gateway, and only the gateway, that it may keep this answer for every caller of the
     * same class (staff or not) for up to {@code max-age} seconds, dropping it when a {@code
     * service-definition-changed} event arrives (ADR 42). A targeted cache-control field in the
     * manner of RFC 9213: every other cache still sees {@code no-cache} and {@code Vary:
     * Authorization}. An answer that depends on more than whether the caller is staff must never
     * carry it.
     */
    static final String GATEWAY_CACHE_CONTROL = "Gateway-Cache-Control";

    /** How long the gateway may keep a catalogue list between change events (ADR 42). */
    static final String GATEWAY_MAY_KEEP = "max-age=5";

    /**
     * The services this caller may see, with an ETag of exactly those services and versions, so a
     * client that has them gets {@code 304} (staff and public lists differ: {@code Vary:
     * Authorization}). The list depends on nothing about the caller but whether they hold a staff
     * role, so the gateway may keep it per caller class ({@link #GATEWAY_CACHE_CONTROL}).
     */
    @GetMapping
    ResponseEntity<List<ServiceView>> list() {
        boolean staff = isStaff();
        List<ServiceVersion> shown =
                catalogue.versions().stream()
                        .filter(service -> staff || offeredOnline(service))
                        .toList();
        return ResponseEntity.ok()
                .eTag(listTag(staff, shown))
                .cacheControl(CacheControl.noCache())
                .varyBy(HttpHeaders.AUTHORIZATION)
                .header(GATEWAY_CACHE_CONTROL, GATEWAY_MAY_KEEP)
                .body(shown.stream().map(ServiceView::of).toList());
    }

    @GetMapping("/{code}")
    ResponseEntity<?> get(@PathVariable String code) {
        boolean staff = isStaff();
        return catalogue
                .version(code)
                .filter(service -> staff || offeredOnline(service))
                .<ResponseEntity<?>>map(CatalogueController::ok)
                .orElseGet(CatalogueController::notFound);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ServiceView> create(@RequestBody ServiceRequest request) {
        ServiceVersion created = administration.create(request);
        return ResponseEntity.created(URI.create("/api/catalogue/services/" + created.code()))
                .eTag(etag(created))
                .body(ServiceView.of(created));
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ServiceView> replace(
            @PathVariable String code,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ServiceRequest request) {
        return ok(administration.replace(code, request, version(ifMatch)));
    }

    @PostMapping("/{code}/withdrawal")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ServiceView> withdraw(
            @PathVariable String code,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ok(administration.withdraw(code, version(ifMatch)));
    }

    @ExceptionHandler(InvalidServiceDefinition.class)
    ResponseEntity<ProblemDetail> invalid(InvalidServiceDefinition ex) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "The service has invalid fields: see errors.");
        problem.setTitle("Invalid request");
        problem.setProperty(
                "errors",
                ex.problems().stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(CatalogueRefusal.class)
    ResponseEntity<ProblemDetail> refused(CatalogueRefusal ex) {
        HttpStatus status;
        String title;
        switch (ex.reason()) {
            case NOT_FOUND:
                return notFound();
            case CODE_TAKEN:
                status = HttpStatus.CONFLICT;
                title = "Service code taken";
                break;
            case WITHDRAWN:
                status = HttpStatus.CONFLICT;
                title = "Service withdrawn";
                break;
            case VERSION_REQUIRED:
                status = HttpStatus.PRECONDITION_REQUIRED;
                title = "If-Match required";
                break;
            case STALE_VERSION:
                status = HttpStatus.PRECONDITION_FAILED;
                title = "Stale version";
                break;
            default:
                throw new IllegalStateException("no status for " + ex.reason());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static ResponseEntity<ProblemDetail> notFound() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No service was found with this code.");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private static ResponseEntity<ServiceView> ok(ServiceVersion service) {
        return ResponseEntity.ok().eTag(etag(service)).body(ServiceView.of(service));
    }

    /** Which view, and each service's code, version and withdrawal, digested. */
    private static String listTag(boolean staff, List<ServiceVersion> shown) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        digest.update((staff ? "staff" : "public").getBytes(StandardCharsets.UTF_8));
        for (ServiceVersion service : shown) {
            digest.update(
                    ("\n" + service.code() + ":" + service.version() + ":" + service.withdrawn())
                            .getBytes(StandardCharsets.UTF_8));
        }
        return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
    }

    private static String etag(ServiceVersion service) {
        return "\"" + service.version() + "\"";
    }

    /**
     * The version an If-Match names. Only one strong ETag of ours can match; anything else
     * (several, weak, {@code *}) names no version and so fails the comparison (412).
     */
    private static OptionalInt version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalInt.empty();
        }
        Matcher matcher = ETAG.matcher(ifMatch.strip());
        return matcher.matches()
                ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
                : OptionalInt.of(-1);
    }

    private static boolean offeredOnline(ServiceVersion service) {
        return service.definition().availableOnline() && !service.withdrawn();
    }

    /** Staff see the whole catalogue; the reads are open, so there may be no caller at all. */
    private static boolean isStaff() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return Optional.ofNullable(authentication)
                .map(Authentication::getPrincipal)
                .filter(Caller.class::isInstance)
                .map(Caller.class::cast)
                .map(caller -> caller.roles().stream().anyMatch(Role::isStaff))
                .orElse(false);
    }

    record ServiceView(
            String code,
            String name,
            String group,
            String description,
            String keywords,
            int responseTarget,
            String responseUnit,
            String teamCode,
            Integer feePence,
            boolean availableOnline,
            boolean availableOpen311,
            boolean publicRealm,
            List<AttributeView> attributes,
            int version,
            boolean withdrawn,
            Instant changedAt) {

        static ServiceView of(ServiceVersion service) {
            ServiceDefinition d = service.definition();
            return new ServiceView(
                    d.code(),
                    d.name(),
                    d.group(),
                    d.description(),
                    d.keywords(),
                    d.responseTarget(),
                    d.responseUnit(),
                    d.teamCode(),
                    d.feePence(),
                    d.availableOnline(),
                    d.availableOpen311(),
                    d.publicRealm(),
                    d.attributes().stream().map(AttributeView::of).toList(),
                    service.version(),
                    service.withdrawn(),
                    service.changedAt());
        }
    }

    record AttributeView(
            String code,
            String datatype,
            boolean required,
            String description,
            int order,
            List<AllowedValue> values) {

        static AttributeView of(ServiceAttribute attribute) {
            return new AttributeView(
                    attribute.code(),
                    attribute.datatype().wireValue(),
                    attribute.required(),
                    attribute.description(),
                    attribute.order(),
                    attribute.values());
        }
    }
}
