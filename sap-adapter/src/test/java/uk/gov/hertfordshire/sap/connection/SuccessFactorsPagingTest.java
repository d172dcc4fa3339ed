package uk.gov.hertfordshire.sap.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import uk.gov.hertfordshire.sapsimulator.Organisation;
import uk.gov.hertfordshire.sapsimulator.SapSimulator;
import uk.gov.hertfordshire.sapsimulator.SimulatorSettings;

/**
 * A delta read of more than one page loses nothing when a record already read changes during the
 * read: it moves to the end of SAP's order, and the record at the page boundary is still read.
 */
class SuccessFactorsPagingTest {

    static SapSimulator sap;
    static SuccessFactorsClient client;

    @BeforeAll
    static void start() throws IOException {
        sap =
                SapSimulator.start(
                        0,
                        1_500,
                        SimulatorSettings.county(
                                SapSimulator.DEFAULT_USER, SapSimulator.DEFAULT_PASSWORD));
        client =
                new SuccessFactorsClient(
                        RestClient.builder()
                                .baseUrl(sap.baseUrl())
                                .defaultHeaders(
                                        headers ->
                                                headers.setBasicAuth(
                                                        SapSimulator.DEFAULT_USER,
                                                        SapSimulator.DEFAULT_PASSWORD))
                                .build());
    }

    @AfterAll
    static void stop() {
        sap.close();
    }

    @Test
    void aRecordChangedBetweenPagesDoesNotPushTheNextOneOutOfTheRead() {
        List<Organisation.Employee> before = sap.organisation().employeesChangedAfter(null);
        assertThat(before).hasSize(1_500);
        String atTheBoundary = before.get(1_000).userId(); // the first of page 2, as it was
        List<SapHr.Employee> read = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();

        client.employeesChangedSince(
                null,
                page -> {
                    if (pages.isEmpty()) {
                        // HR changes someone already read before the second page is asked for.
                        SapHr.Employee first = page.get(0);
                        sap.organisation().change(first.staffId(), null, null, !first.active());
                    }
                    pages.add(page.size());
                    read.addAll(page);
                });

        List<String> ids = read.stream().map(SapHr.Employee::staffId).toList();
        assertThat(ids).as("the record that was at position 1001").contains(atTheBoundary);
        assertThat(ids)
                .as("everyone, and the changed one again with its change")
                .containsAll(before.stream().map(Organisation.Employee::userId).toList())
                .hasSize(1_501);
        SapHr.Employee changedAgain = read.get(read.size() - 1);
        assertThat(changedAgain.staffId()).isEqualTo(before.get(0).userId());
        assertThat(changedAgain.active()).isEqualTo(!read.get(0).active());
        assertThat(pages).containsExactly(1_000, 501);
        assertThat(read)
                .as("leavers too: the status condition holds beside the keyset's or")
                .anySatisfy(employee -> assertThat(employee.active()).isFalse());
    }
}
