package uk.gov.hertfordshire.platform.support.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request whose body was read once up front (for a fingerprint, or to check it before anything
 * else sees it) and can be read again. A form body's fields stay available as request parameters:
 * the container parses a form only from an unread body, so they are served from the cached bytes.
 * Shared by the Idempotency-Key filter and any service filter that must read a body first.
 */
public class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final Map<String, String[]> parameters;

    /**
     * The request with a body its caller has already read.
     *
     * @throws IllegalArgumentException if the body is a form with malformed percent-encoding
     */
    public CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body.clone();
        this.parameters = isForm(request) ? formParameters(request, this.body) : null;
    }

    /**
     * Reads the whole body.
     *
     * @throws IllegalArgumentException if the body is a form with malformed percent-encoding
     */
    public static CachedBodyRequest read(HttpServletRequest request) throws IOException {
        return new CachedBodyRequest(request, request.getInputStream().readAllBytes());
    }

    /** The body as it was read. */
    public byte[] body() {
        return body.clone();
    }

    // The container parses a form body into parameters only if the body is still unread; it
    // was read here for the fingerprint, so the parameters are served from the cached body.
    @Override
    public String getParameter(String name) {
        if (parameters == null) {
            return super.getParameter(name);
        }
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters == null ? super.getParameterMap() : parameters;
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
        return parameters == null
                ? super.getParameterNames()
                : java.util.Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters == null ? super.getParameterValues(name) : parameters.get(name);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null
                && type.toLowerCase(java.util.Locale.ROOT)
                        .startsWith("application/x-www-form-urlencoded");
    }

    /** The query string's parameters, then the body's, in order, as the container would. */
    private static Map<String, String[]> formParameters(HttpServletRequest request, byte[] body) {
        java.nio.charset.Charset charset =
                request.getCharacterEncoding() == null
                        ? StandardCharsets.UTF_8
                        : java.nio.charset.Charset.forName(request.getCharacterEncoding());
        Map<String, List<String>> collected = new java.util.LinkedHashMap<>();
        for (String source : new String[] {request.getQueryString(), new String(body, charset)}) {
            if (source == null || source.isEmpty()) {
                continue;
            }
            for (String pair : source.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                collected
                        .computeIfAbsent(
                                java.net.URLDecoder.decode(name, charset),
                                n -> new java.util.ArrayList<>())
                        .add(java.net.URLDecoder.decode(value, charset));
            }
        }
        Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        collected.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return java.util.Collections.unmodifiableMap(parameters);
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
        String encoding = getCharacterEncoding();
        return new BufferedReader(
                new InputStreamReader(
                        getInputStream(),
                        encoding == null
                                ? StandardCharsets.UTF_8
                                : java.nio.charset.Charset.forName(encoding)));
    }
}
