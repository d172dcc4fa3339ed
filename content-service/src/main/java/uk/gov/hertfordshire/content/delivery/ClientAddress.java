package uk.gov.hertfordshire.content.delivery;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from: the gateway's peer address as the gateway saw it. The gateway
 * sets {@code X-Forwarded-For} to the one address it believes, and Tomcat's {@code RemoteIpValve}
 * ({@code server.forward-headers-strategy: native}) takes it as the request's remote address only
 * when the connection comes from an internal proxy (loopback, or a private range: the gateway
 * locally and in a cluster). From anywhere else the header is ignored and the peer is the client.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
