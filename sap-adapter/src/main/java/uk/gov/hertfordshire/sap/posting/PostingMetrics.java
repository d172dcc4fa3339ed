package uk.gov.hertfordshire.sap.posting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The ledger's measures, named as docs/observability.md agrees them with the alerts and dashboards:
 * {@code sap_postings_pending_postings} and {@code sap_postings_rejected_postings_total{reason}}.
 * Every reason is registered at zero, so a rate over it is defined before the first refusal.
 */
@Component
class PostingMetrics {

    /** Postings SAP refused for a closed period. */
    static final String CLOSED_PERIOD = "closed-period";

    /** ... for a cost centre that does not exist or is blocked. */
    static final String INVALID_COST_CENTRE = "invalid-cost-centre";

    /** ... for a G/L account that does not exist in the company code. */
    static final String INVALID_GL_ACCOUNT = "invalid-gl-account";

    /** ... for a company code that does not exist. */
    static final String INVALID_COMPANY_CODE = "invalid-company-code";

    /** ... for anything else (read the message on /api/sap/postings). */
    static final String OTHER = "other";

    private final Map<String, Counter> rejected = new LinkedHashMap<>();

    PostingMetrics(PostingLedger ledger, MeterRegistry meters) {
        Gauge.builder("sap.postings.pending", ledger, PostingLedger::countPending)
                .description("Postings accepted from events and not yet confirmed by SAP")
                .baseUnit("postings")
                .register(meters);
        for (String reason :
                new String[] {
                    CLOSED_PERIOD,
                    INVALID_COST_CENTRE,
                    INVALID_GL_ACCOUNT,
                    INVALID_COMPANY_CODE,
                    OTHER
                }) {
            rejected.put(
                    reason,
                    Counter.builder("sap.postings.rejected")
                            .description("Postings SAP refused")
                            .baseUnit("postings")
                            .tag("reason", reason)
                            .register(meters));
        }
    }

    /** Counts a posting SAP refused with this message. */
    void rejected(String sapMessage) {
        rejected.get(reason(sapMessage)).increment();
    }

    /**
     * The short code for SAP's message: what it names, as S/4HANA words it ("Posting period 011
     * 2026 is not open", "Cost center HCC1/CC9999 does not exist on 03.11.2026", "G/L account …
     * does not exist in company code …", "Company code … does not exist").
     */
    static String reason(String sapMessage) {
        String message = sapMessage == null ? "" : sapMessage.toLowerCase(Locale.ROOT);
        if (message.startsWith("posting period") && message.contains("is not open")) {
            return CLOSED_PERIOD;
        }
        if (message.startsWith("cost center")) {
            return INVALID_COST_CENTRE;
        }
        if (message.startsWith("g/l account")) {
            return INVALID_GL_ACCOUNT;
        }
        if (message.startsWith("company code")) {
            return INVALID_COMPANY_CODE;
        }
        return OTHER;
    }
}
