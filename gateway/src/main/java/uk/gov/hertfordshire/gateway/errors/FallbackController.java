package uk.gov.hertfordshire.gateway.errors;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a failed call: 504 when the service was too slow, 503 when
 * it did not answer or its breaker is open — a document the caller can act on, never a stack trace
 * or an empty 500.
 */
@Hidden
@RestController
class FallbackController {

    @RequestMapping("/fallback/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        Throwable cause =
                exchange.getAttribute(
                        ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (isTimeout(cause)) {
            return GatewayErrors.write(
                    exchange,
                    HttpStatus.GATEWAY_TIMEOUT,
                    "Service too slow",
                    "The service behind this address did not answer in time. Try again shortly.");
        }
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return GatewayErrors.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service unavailable",
                "The service behind this address is not answering just now. Try again shortly.");
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
