package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SAP's refusals sorted into the reasons the alert and dashboard group by. */
class PostingMetricsTest {

    @Test
    void sapsMessagesBecomeShortReasonCodes() {
        assertThat(PostingMetrics.reason("Posting period 011 2026 is not open"))
                .isEqualTo("closed-period");
        assertThat(PostingMetrics.reason("Cost center HCC1/CC9999 does not exist on 03.11.2026"))
                .isEqualTo("invalid-cost-centre");
        assertThat(
                        PostingMetrics.reason(
                                "G/L account 49999999 does not exist in company code HCC1"))
                .isEqualTo("invalid-gl-account");
        assertThat(PostingMetrics.reason("Company code XX01 does not exist"))
                .isEqualTo("invalid-company-code");
    }

    @Test
    void anythingElseIsOther() {
        assertThat(PostingMetrics.reason("Balance in transaction currency 0.01"))
                .isEqualTo("other");
        assertThat(PostingMetrics.reason(null)).isEqualTo("other");
        assertThat(PostingMetrics.reason("The posting period was closed"))
                .as("only SAP's own wording counts as a closed period")
                .isEqualTo("other");
    }
}
