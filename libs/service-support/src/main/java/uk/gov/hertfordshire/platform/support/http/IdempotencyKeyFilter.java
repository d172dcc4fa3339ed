package uk.gov.hertfordshire.platform.support.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.database.DatabaseUnavailable;

/**
 * {@code Idempotency-Key} for every POST, once for all services: scoped to the caller, the first
 * response is kept and a repeat gets it again ({@code Idempotent-Replayed: true}); the same key
 * with a different request answers 422; a repeat while the first is still in flight answers 409. A
 * request that fails on our side (5xx) before its work committed releases its key so the caller can
 * retry; once the work has committed (marked in the business transaction itself, {@link
 * IdempotencyCommitListener}) the key is never released, and a repeat gets the first answer, 5xx
 * included, rather than doing the work twice. A claim whose process died is taken over after its
 * lease. A response marked {@code Cache-Control: no-store} (one carrying a secret, such as a new
 * API key) is not kept: a repeat answers 409 saying so, with its {@code Location}. A
 * multipart/form-data request is compared by its parts, not its raw body, and is left for the
 * container to parse (its size limits apply here too).
 */
final class IdempotencyKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyStore store;
    private final JsonMapper json = JsonMapper.builder().build();

    IdempotencyKeyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!ACCEPTABLE_KEY.matcher(key).matches()) {
            writeProblem(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID.");
            return;
        }
        HttpServletRequest forwarded;
        String fingerprint;
        if (isMultipart(request)) {
            // The container parses the parts once and keeps them for the controller; reading the
            // raw body here instead would leave the controller no parts at all.
            Collection<Part> parts;
            try {
                parts = request.getParts();
            } catch (IllegalStateException tooLarge) {
                // The Servlet API's signal that the request or a part is over the size limits.
                writeProblem(
                        request,
                        response,
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Upload too large",
                        "The upload is larger than this service accepts.");
                return;
            } catch (IOException | ServletException malformed) {
                writeProblem(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "Unreadable request",
                        "The request body is not valid multipart/form-data.");
                return;
            }
            forwarded = request;
            fingerprint = multipartFingerprint(request, parts);
        } else {
            CachedBodyRequest cached;
            try {
                cached = CachedBodyRequest.read(request);
            } catch (IllegalArgumentException malformed) {
                writeProblem(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "Unreadable request",
                        "The request body is not a valid form: " + malformed.getMessage());
                return;
            }
            forwarded = cached;
            fingerprint = fingerprint(cached);
        }
        String principal = principal(request);
        IdempotencyStore.Claim claim = store.claim(principal, key, fingerprint);
        if (claim instanceof IdempotencyStore.Granted) {
            proceed(forwarded, response, chain, principal, key);
        } else if (claim instanceof IdempotencyStore.Mismatch) {
            writeProblem(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used with a different request."
                            + " Use a new key for a new request.");
        } else if (claim instanceof IdempotencyStore.Completed completed) {
            if (completed.bodyWithheld()) {
                completed.headers().entrySet().stream()
                        .filter(header -> header.getKey().equals(HttpHeaders.LOCATION))
                        .forEach(header -> response.setHeader(header.getKey(), header.getValue()));
                writeProblem(
                        request,
                        response,
                        HttpStatus.CONFLICT,
                        "Response not kept",
                        "The request with this Idempotency-Key succeeded (status "
                                + completed.status()
                                + "), but its response held a secret that is shown only once and"
                                + " was not kept.");
            } else {
                replay(completed, response);
            }
        } else if (claim instanceof IdempotencyStore.CarriedOut) {
            writeProblem(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "Response lost",
                    "The request with this Idempotency-Key was carried out, but its response was"
                            + " lost. Look the result up rather than repeating the request.");
        } else {
            writeProblem(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "Request still in progress",
                    "A request with this Idempotency-Key is still being processed."
                            + " Retry later to get its response.");
        }
    }

    private void proceed(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            String principal,
            String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        IdempotentRequest claim = IdempotentRequest.begin(principal, key);
        boolean completed = false;
        try {
            chain.doFilter(request, recorded);
            if (recorded.getStatus() < 500 || claim.hasCommitted()) {
                completed =
                        complete(
                                principal,
                                key,
                                recorded.getStatus(),
                                replayableHeaders(recorded),
                                keepsNoCopy(recorded) ? null : recorded.getContentAsByteArray());
            }
        } finally {
            claim.end();
            if (!completed) {
                // Deletes nothing once the work committed: a retry then finds it carried out.
                release(principal, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    /**
     * Keeps the response for repeats. If the database went away after the work was done, the
     * response still goes to the caller; a repeat then finds the work carried out (or, had nothing
     * committed, a free key once the lease ends).
     */
    private boolean complete(
            String principal, String key, int status, Map<String, String> headers, byte[] body) {
        try {
            store.complete(principal, key, status, headers, body);
            return true;
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn("Could not keep an Idempotency-Key's response (database unavailable)");
            return false;
        }
    }

    /**
     * Frees the key after a failure on our side. If the database is unavailable (the usual reason
     * for that 503) the claim stays until its lease runs out, which frees it just the same; the
     * answer already given must still reach the caller.
     */
    private void release(String principal, String key) {
        try {
            store.release(principal, key);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn(
                    "Could not release an Idempotency-Key (database unavailable); it is free again"
                            + " when its lease ends");
        }
    }

    /** A response that says no copy of it may be kept ({@code Cache-Control: no-store}). */
    private static boolean keepsNoCopy(HttpServletResponse response) {
        String cacheControl = response.getHeader(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
    }

    private static Map<String, String> replayableHeaders(HttpServletResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name :
                new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG}) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (response.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return headers;
    }

    private static void replay(IdempotencyStore.Completed completed, HttpServletResponse response)
            throws IOException {
        response.setStatus(completed.status());
        completed.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        if (completed.body() != null) {
            response.getOutputStream().write(completed.body());
        }
    }

    private void writeProblem(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String title,
            String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /**
     * Who the key belongs to: keys are never shared between callers. A token's caller is its issuer
     * and subject together ({@link Caller#id()}): two identity providers may give different people
     * the same subject.
     */
    private static String principal(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller.id();
        }
        Principal principal = request.getUserPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }

    /** What makes two requests "the same": method, path, query, content type and body. */
    private static String fingerprint(CachedBodyRequest request) {
        MessageDigest digest = requestLine(request);
        update(digest, request.getContentType());
        digest.update(request.body());
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The same for multipart/form-data, over the parts rather than the raw body: a client retrying
     * sends the same parts under a new random boundary, which must not make it another request.
     * Each part counts with its name, file name, content type and content, in order.
     */
    private static String multipartFingerprint(HttpServletRequest request, Collection<Part> parts)
            throws IOException {
        MessageDigest digest = requestLine(request);
        update(digest, MediaType.MULTIPART_FORM_DATA_VALUE);
        for (Part part : parts) {
            update(digest, part.getName());
            update(digest, part.getSubmittedFileName());
            update(digest, part.getContentType());
            update(digest, Long.toString(part.getSize()));
            try (InputStream content = part.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest requestLine(HttpServletRequest request) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        update(digest, request.getMethod());
        update(digest, request.getRequestURI());
        update(digest, request.getQueryString());
        return digest;
    }

    private static void update(MessageDigest digest, String value) {
        digest.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null
                && contentType
                        .toLowerCase(Locale.ROOT)
                        .startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }
}
