package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code POST requests}: reads the form GeoReport v2 sends and checks its {@code api_key} before
 * anything else sees the request. Runs after Spring Security (so a bearer token, if any, is known)
 * and before the shared Idempotency-Key filter, for two reasons: that filter reads the body for its
 * fingerprint, after which the servlet container could no longer parse the form, so the parameters
 * are parsed here once and served from memory; and its keys are scoped to the caller, so an app
 * authenticated by API key is that caller (not "anonymous", which all apps would share).
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

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod())
                || !(path.equals("/open311/v2/requests.xml")
                        || path.equals("/open311/v2/requests.json"));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!isForm(request.getContentType())) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send a service request as application/x-www-form-urlencoded; charset=utf-8.");
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
        Map<String, String[]> parameters;
        try {
            parameters = new LinkedHashMap<>(parse(request.getQueryString()));
            parse(new String(body, StandardCharsets.UTF_8))
                    .forEach(
                            (name, values) ->
                                    parameters.merge(
                                            name, values, (query, form) -> concat(query, form)));
        } catch (IllegalArgumentException malformed) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.BAD_REQUEST,
                    "The form is not valid application/x-www-form-urlencoded UTF-8.");
            return;
        }
        String[] apiKey = parameters.get("api_key");
        if (apiKey == null || apiKey[0].isBlank()) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.FORBIDDEN,
                    "api_key is required to create a service request -- can't proceed with"
                            + " create_request.");
            return;
        }
        Optional<ApiKeys.ApiKeyIdentity> app = keys.authenticate(apiKey[0]);
        if (app.isEmpty()) {
            Open311Errors.write(
                    response,
                    path,
                    HttpStatus.FORBIDDEN,
                    "Invalid api_key received -- can't proceed with create_request.");
            return;
        }
        request.setAttribute(APP, app.get());
        chain.doFilter(new FormRequest(request, body, parameters, app.get()), response);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
     * {@code a=1&b=2&b=3}, percent-decoded as UTF-8, names in order of first appearance.
     *
     * @throws IllegalArgumentException for malformed percent-encoding
     */
    static Map<String, String[]> parse(String form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                values.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
        return parameters;
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** The request with its form parsed once, and the app as its principal. */
    private static final class FormRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Map<String, String[]> parameters;
        private final Principal app;

        FormRequest(
                HttpServletRequest request,
                byte[] body,
                Map<String, String[]> parameters,
                ApiKeys.ApiKeyIdentity app) {
            super(request);
            this.body = body;
            this.parameters = Collections.unmodifiableMap(parameters);
            String name = app.submitter();
            this.app = () -> name;
        }

        @Override
        public Principal getUserPrincipal() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller) {
                return super.getUserPrincipal();
            }
            return app;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous body only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(
                    new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
