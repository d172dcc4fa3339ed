package uk.gov.hertfordshire.sap.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.sap.ReconciliationMismatchFound;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sap.posting.PostingWorker;

/**
 * Reconciliation finds what was planted in SAP's journal: a posting removed (missing) and a posting
 * copied (duplicated), and nothing for the posting left alone.
 */
class ReconciliationIntegrationTest extends SapIntegrationTest {

    @Autowired PostingWorker worker;
    @Autowired Reconciliation reconciliation;
    @Autowired ReconciliationSchedule schedule;
    @Autowired MeterRegistry meters;

    @Test
    void findsAPlantedMissingPostingAndAPlantedDuplicate() {
        // 31 July 23:30 in London is already 1 August: the fee belongs to August's period.
        Map<UUID, CaseFeePaid> fees = postAll("2026-07-31T23:30:00Z", 3);
        UUID[] ids = fees.keySet().toArray(UUID[]::new);
        String removed = documentsFor(ids[0]).get(0).accountingDocument();
        String copied = documentsFor(ids[1]).get(0).accountingDocument();
        assertThat(SAP.ledger().remove(removed)).isTrue();
        assertThat(SAP.ledger().duplicate(copied)).isPresent();

        Reconciliation.Result result = reconciliation.reconcile(YearMonth.of(2026, 8));

        assertThat(result.clean()).isFalse();
        assertThat(result.mismatches())
                .extracting(
                        ReconciliationMismatchFound::sourceEventId,
                        ReconciliationMismatchFound::kind)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                ids[0].toString(), ReconciliationMismatchFound.MISSING),
                        org.assertj.core.groups.Tuple.tuple(
                                ids[1].toString(), ReconciliationMismatchFound.DUPLICATED));
        assertThat(result.mismatches())
                .extracting(ReconciliationMismatchFound::sourceEventId)
                .doesNotContain(ids[2].toString());
        ReconciliationMismatchFound duplicate =
                result.mismatches().stream()
                        .filter(m -> m.sourceEventId().equals(ids[1].toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(duplicate.sapDocumentCount()).isEqualTo(2);
        assertThat(duplicate.sapAmountPence()).isEqualTo(2 * duplicate.ledgerAmountPence());
        assertThat(mismatchGauge())
                .as("sap_reconciliation_mismatches_postings")
                .isEqualTo(result.mismatches().size());
    }

    @Test
    void findsAPlantedMissingCommitmentAndAPlantedDuplicateOne() {
        Map<UUID, PackageCommissioned> packages = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            packages.put(
                    UUID.randomUUID(),
                    new PackageCommissioned(
                            UUID.randomUUID().toString(),
                            UUID.randomUUID().toString(),
                            "PROV-0042",
                            40_000 + i * 1_000,
                            "GBP",
                            LocalDate.of(2027, 2, 1 + i),
                            LocalDate.of(2027, 2, 14 + i),
                            Instant.parse("2027-01-25T10:00:00Z")));
        }
        postAll(packages);
        UUID[] ids = packages.keySet().toArray(UUID[]::new);
        String removed =
                SAP.purchaseOrders().withItemText(ids[0].toString()).get(0).purchaseOrder();
        String copied = SAP.purchaseOrders().withItemText(ids[1].toString()).get(0).purchaseOrder();
        assertThat(SAP.purchaseOrders().remove(removed)).isTrue();
        assertThat(SAP.purchaseOrders().duplicate(copied)).isPresent();

        Reconciliation.Result result = reconciliation.reconcile(YearMonth.of(2027, 2));

        assertThat(result.mismatches())
                .extracting(
                        ReconciliationMismatchFound::sourceEventId,
                        ReconciliationMismatchFound::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                ids[0].toString(), ReconciliationMismatchFound.MISSING),
                        org.assertj.core.groups.Tuple.tuple(
                                ids[1].toString(), ReconciliationMismatchFound.DUPLICATED));
        assertThat(result.checked()).as("the third, committed once, was compared too").isEqualTo(3);
        ReconciliationMismatchFound duplicate =
                result.mismatches().stream()
                        .filter(m -> m.sourceEventId().equals(ids[1].toString()))
                        .findFirst()
                        .orElseThrow();
        // Two weeks at £410 each, twice over: worked from the package, not from the ledger.
        assertThat(duplicate.ledgerAmountPence()).isEqualTo(2 * 41_000);
        assertThat(duplicate.sapAmountPence()).isEqualTo(2 * 2 * 41_000);
    }

    @Test
    void aPeriodSapHoldsExactlyIsClean() {
        postAll("2026-06-15T12:00:00Z", 2);

        Reconciliation.Result result = reconciliation.reconcile(YearMonth.of(2026, 6));

        assertThat(result.checked()).isGreaterThanOrEqualTo(2);
        assertThat(result.clean()).isTrue();
        assertThat(mismatchGauge()).as("the last run found nothing").isZero();
    }

    @Test
    void theMorningRunReconcilesAPackageStartingMonthsBeforeItWasCommissioned() {
        // Commissioned today, starting three months back: dated outside last month's period.
        LocalDate start = LocalDate.now(ReconciliationController.LONDON).minusMonths(3);
        Map<UUID, PackageCommissioned> packages = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            packages.put(
                    UUID.randomUUID(),
                    new PackageCommissioned(
                            UUID.randomUUID().toString(),
                            UUID.randomUUID().toString(),
                            "PROV-0042",
                            35_000 + i * 1_000,
                            "GBP",
                            start.plusDays(i),
                            start.plusDays(20 + i),
                            Instant.now()));
        }
        postAll(packages);
        UUID[] ids = packages.keySet().toArray(UUID[]::new);
        String removed =
                SAP.purchaseOrders().withItemText(ids[0].toString()).get(0).purchaseOrder();
        assertThat(SAP.purchaseOrders().remove(removed)).isTrue();
        // The schedule fires again today (another test's run of today set aside).
        jdbc.sql("DELETE FROM reconciliation_run WHERE scheduled_on = :today")
                .param("today", LocalDate.now(ReconciliationController.LONDON))
                .update();

        // A package of this month posts too: this month is not complete, and is reconciled once,
        // when it is last month, not every morning until then.
        String thisMonth = YearMonth.now(ReconciliationController.LONDON).toString();
        postAll(
                Map.of(
                        UUID.randomUUID(),
                        new PackageCommissioned(
                                UUID.randomUUID().toString(),
                                UUID.randomUUID().toString(),
                                "PROV-0042",
                                12_000,
                                "GBP",
                                LocalDate.now(ReconciliationController.LONDON),
                                LocalDate.now(ReconciliationController.LONDON).plusDays(7),
                                Instant.now())));
        long thisMonthsRunsBefore = runsOf(thisMonth);

        assertThat(schedule.runOnce()).isTrue();

        assertThat(runsOf(thisMonth))
                .as("this month, not yet complete")
                .isEqualTo(thisMonthsRunsBefore);
        assertThat(mismatchEvents(ids[0]))
                .as("the backdated package whose order SAP lost")
                .containsExactly(ReconciliationMismatchFound.MISSING);
        assertThat(mismatchEvents(ids[1]))
                .as("positive control: the same, its order in place, is compared and clean")
                .isEmpty();
        assertThat(reconciledPeriods())
                .as("its month was reconciled")
                .contains(YearMonth.from(start).toString());
    }

    /** The kinds of the mismatches published about the source event. */
    private List<String> mismatchEvents(UUID sourceEventId) {
        return jdbc.sql(
                        "SELECT CAST(convert_from(payload, 'UTF8') AS jsonb) ->> 'kind' FROM"
                                + " platform.outbox WHERE event_type = :type AND"
                                + " CAST(convert_from(payload, 'UTF8') AS jsonb) ->>"
                                + " 'sourceEventId' = :source")
                .param("type", ReconciliationMismatchFound.TYPE.type())
                .param("source", sourceEventId.toString())
                .query(String.class)
                .list();
    }

    private long runsOf(String period) {
        return jdbc.sql("SELECT count(*) FROM reconciliation_run WHERE period = :period")
                .param("period", period)
                .query(Long.class)
                .single();
    }

    private List<String> reconciledPeriods() {
        return jdbc.sql("SELECT period FROM reconciliation_run").query(String.class).list();
    }

    private double mismatchGauge() {
        return meters.get("sap.reconciliation.mismatches").gauge().value();
    }

    private Map<UUID, CaseFeePaid> postAll(String paidAt, int count) {
        Map<UUID, CaseFeePaid> fees = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            fees.put(UUID.randomUUID(), blueBadgeFee(1_000 + i * 250, Instant.parse(paidAt)));
        }
        return postAll(fees);
    }

    private <T extends DomainEvent> Map<UUID, T> postAll(Map<UUID, T> fees) {
        send(fees);
        fees.keySet().forEach(this::awaitRecorded);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(fees.keySet())
                                    .allSatisfy(
                                            id ->
                                                    assertThat(posting(id, "state"))
                                                            .isEqualTo("posted"));
                        });
        return fees;
    }
}
