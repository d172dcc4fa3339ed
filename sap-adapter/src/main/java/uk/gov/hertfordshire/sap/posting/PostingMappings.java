package uk.gov.hertfordshire.sap.posting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.sap.SapCodes;

/**
 * Finance's account mapping ({@code finance-mapping.yml}, under {@code platform.sap.postings}):
 * which company code, GL account, cost centre and offset account an event type and service code
 * post to. A journal entry's row names the offset account; a commitment's names the supplier.
 */
@ConfigurationProperties("platform.sap.postings")
public record PostingMappings(@DefaultValue List<Mapping> mappings) {

    /**
     * One row of the mapping.
     *
     * @param event the CloudEvents type
     * @param serviceCode the service code (for a commitment, the provider's code)
     * @param companyCode the SAP company code
     * @param glAccount the account credited, on the cost centre
     * @param costCentre the cost centre
     * @param offsetGlAccount for a journal entry, the account debited (the payment provider's
     *     clearing account)
     * @param supplier for a commitment, SAP's supplier number (LIFNR) the purchase order is made
     *     out to
     */
    public record Mapping(
            String event,
            String serviceCode,
            String companyCode,
            String glAccount,
            String costCentre,
            String offsetGlAccount,
            String supplier) {}

    /** Supplier (LIFNR): up to ten letters or digits. */
    static final Pattern SUPPLIER = Pattern.compile("[A-Z0-9]{1,10}");

    /** The row for an event type and service code, if finance has written one. */
    public Optional<Mapping> find(String eventType, String serviceCode) {
        return mappings.stream()
                .filter(m -> m.event().equals(eventType) && m.serviceCode().equals(serviceCode))
                .findFirst();
    }

    /** The company codes finance posts to. */
    public Set<String> companyCodes() {
        Set<String> codes = new HashSet<>();
        mappings.forEach(m -> codes.add(m.companyCode()));
        return codes;
    }

    /**
     * What is wrong with the mapping, every problem at once: fields missing or not in SAP's format,
     * rows for event types the adapter does not consume, repeated rows, and consumed event types
     * without a row.
     */
    public List<String> problems(Collection<String> consumedEventTypes) {
        return problems(consumedEventTypes, Set.of());
    }

    /**
     * As {@link #problems(Collection)}, where the rows of {@code commitmentEventTypes} name a
     * supplier and no offset account, and every other row an offset account and no supplier.
     */
    public List<String> problems(
            Collection<String> consumedEventTypes, Collection<String> commitmentEventTypes) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> mapped = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            String row = "mappings[" + i + "]";
            check(problems, row + ".event", m.event(), null);
            check(problems, row + ".service-code", m.serviceCode(), EventFields.CODE);
            check(problems, row + ".company-code", m.companyCode(), SapCodes.COMPANY_CODE);
            check(problems, row + ".gl-account", m.glAccount(), SapCodes.GL_ACCOUNT);
            check(problems, row + ".cost-centre", m.costCentre(), SapCodes.COST_CENTRE);
            if (commitmentEventTypes.contains(m.event())) {
                check(problems, row + ".supplier", m.supplier(), SUPPLIER);
                if (m.offsetGlAccount() != null) {
                    problems.add(row + ".offset-gl-account is not used by a commitment");
                }
            } else {
                check(
                        problems,
                        row + ".offset-gl-account",
                        m.offsetGlAccount(),
                        SapCodes.GL_ACCOUNT);
                if (m.supplier() != null) {
                    problems.add(row + ".supplier is used by commitments only");
                }
            }
            if (m.event() != null && !consumedEventTypes.contains(m.event())) {
                problems.add(
                        row + ".event '" + m.event() + "' is not an event type the adapter posts");
            }
            if (m.event() != null && !seen.add(m.event() + " " + m.serviceCode())) {
                problems.add(
                        row + " repeats event " + m.event() + " and service " + m.serviceCode());
            }
            mapped.add(m.event());
        }
        for (String type : consumedEventTypes) {
            if (!mapped.contains(type)) {
                problems.add("no mapping for event type " + type);
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String field, String value, Pattern format) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing");
        } else if (format != null && !format.matcher(value).matches()) {
            problems.add(field + " '" + value + "' does not match " + format.pattern());
        }
    }
}
