package uk.gov.hertfordshire.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where an open circuit breaker, a refused connection or a timed-out service lands: a problem
 * document the caller can act on, never a stack trace or an empty 500.
 */
@RestController
class FallbackController {

    @RequestMapping("/fallback/unavailable")
    ResponseEntity<ProblemDetail> unavailable(ServerWebExchange exchange) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The service behind this address is not answering just now. Try again"
                                + " shortly.");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "5")
                .body(problem);
    }
}
