package uk.gov.hertfordshire.sap.reconciliation;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.events.sap.SapCodes;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * {@code POST /api/sap/reconciliations}: reconcile a period now ({@code {"period":"2026-11"}}; the
 * previous month in Europe/London when left out). Administrators only; {@code ./platform sap
 * reconcile} calls it.
 */
@RestController
@RequestMapping("/api/sap/reconciliations")
@PreAuthorize("hasRole('ADMIN')")
class ReconciliationController {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Reconciliation reconciliation;
    private final Clock clock;

    ReconciliationController(Reconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Reconciliation.Result> reconcile(@RequestBody(required = false) Request body) {
        YearMonth period = period(body == null ? null : body.period(), clock);
        return ResponseEntity.status(HttpStatus.CREATED).body(reconciliation.reconcile(period));
    }

    /** The period asked for, or the previous month in London. */
    static YearMonth period(String text, Clock clock) {
        if (text == null) {
            return YearMonth.now(clock.withZone(LONDON)).minusMonths(1);
        }
        if (!SapCodes.PERIOD.matcher(text).matches()) {
            throw new IllegalArgumentException("period must be a month, YYYY-MM, e.g. 2026-11");
        }
        return YearMonth.parse(text);
    }

    @ExceptionHandler(SapUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "SAP did not answer; nothing was recorded. Try again later.");
        problem.setTitle("SAP unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "60")
                .body(problem);
    }

    /**
     * @param period {@code YYYY-MM}
     */
    record Request(String period) {}
}
