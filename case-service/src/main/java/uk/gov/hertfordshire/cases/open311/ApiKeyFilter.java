package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.http.CachedBodyRequest;

/**
 * {@code POST requests} and {@code POST servicerequestupdates}: reads the form a civic app sends
 * and checks its {@code api_key} before anything else sees the request. Runs after Spring Security
 * (so a bearer token, if any, is known) and before the shared Idempotency-Key filter, for two
 * reasons: that filter reads the body for its fingerprint, after which the servlet container could
 * no longer parse the form, so the parameters are parsed here once and served from memory; and its
 * keys are scoped to the caller, so an app authenticated by API key is that caller (not
 * "anonymous", which all apps would share).
 *
 * <p>Answers in Open311's format: 415 for anything but {@code application/x-www-form-urlencoded},
 * 413 for a body over {@value #MAX_BODY_BYTES} bytes, 400 for a malformed form, 403 for a missing,
 * unknown or revoked api_key.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    /** The authenticated app, for the handler. */
    static final String APP = ApiKeyFilter.class.getName() + ".app";

    /**
     * Room for every field at its longest (description: 4,000 characters, up to 12 bytes each once
     * percent-encoded) and then some; a real report is a few kilobytes.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    /** The operations a civic app POSTs, by path, as the spec names them in its errors. */
    static final Map<String, String> OPERATIONS =
            Map.of(
                    "/open311/v2/requests.xml", "create_request",
                    "/open311/v2/requests.json", "create_request",
                    "/open311/v2/servicerequestupdates.xml", "post_service_request_update",
                    "/open311/v2/servicerequestupdates.json", "post_service_request_update");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !OPERATIONS.containsKey(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String operation = OPERATIONS.get(path);
        if (!isForm(request.getContentType())) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the form as application/x-www-form-urlencoded; charset=utf-8.");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            tooLarge(response, path);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            tooLarge(response, path);
            return;
        }
        FormRequest form;
        try {
            form = new FormRequest(request, body);
        } catch (IllegalArgumentException malformed) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.BAD_REQUEST,
                    "The form is not valid application/x-www-form-urlencoded UTF-8.");
            return;
        }
        String[] apiKey = form.getParameterValues("api_key");
        if (apiKey == null || apiKey[0].isBlank()) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.FORBIDDEN,
                    "api_key is required -- can't proceed with " + operation + ".");
            return;
        }
        Optional<ApiKeys.ApiKeyIdentity> app = keys.authenticate(apiKey[0]);
        if (app.isEmpty()) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.FORBIDDEN,
                    "Invalid api_key received -- can't proceed with " + operation + ".");
            return;
        }
        request.setAttribute(APP, app.get());
        form.app(app.get());
        chain.doFilter(form, response);
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null
                            || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    private static void tooLarge(HttpServletResponse response, String path) throws IOException {
        Open311Errors.write(
                response,
                path,
                HttpStatus.CONTENT_TOO_LARGE,
                "The request is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    /** The body, or null if it is longer than {@code limit} (a chunked body has no length). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] read = in.readNBytes(limit + 1);
        return read.length > limit ? null : read;
    }

    /**
     * The request with its form read once (the shared {@link CachedBodyRequest} serves its fields
     * as parameters), and the app as its principal once its key is known.
     */
    private static final class FormRequest extends CachedBodyRequest {

        private Principal app;

        FormRequest(HttpServletRequest request, byte[] body) {
            super(request, body);
        }

        void app(ApiKeys.ApiKeyIdentity identity) {
            String name = identity.submitter();
            this.app = () -> name;
        }

        @Override
        public Principal getUserPrincipal() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (app == null
                    || (authentication != null
                            && authentication.getPrincipal() instanceof Caller)) {
                return super.getUserPrincipal();
            }
            return app;
        }
    }
}
