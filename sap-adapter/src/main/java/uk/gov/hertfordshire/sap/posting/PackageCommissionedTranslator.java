package uk.gov.hertfordshire.sap.posting;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;

/**
 * A care package commissioned from a provider: a commitment of its weekly cost from its first day
 * to its last, mapped by the provider's code. An open-ended package is committed to the end of the
 * council's financial year (31 March) it starts in, as a council budgets commitments by year; a
 * part week counts as a week, as providers invoice whole weeks.
 */
@Component
class PackageCommissionedTranslator implements PostingTranslator {

    private final EventSerializer serializer = new EventSerializer();

    @Override
    public String eventType() {
        return PackageCommissioned.TYPE.type();
    }

    @Override
    public String topic() {
        return PackageCommissioned.TYPE.topic();
    }

    @Override
    public boolean commitment() {
        return true;
    }

    @Override
    public PostingRequest translate(ReceivedEvent event) {
        PackageCommissioned commissioned =
                serializer.fromJson(event.data(), PackageCommissioned.class);
        LocalDate start = commissioned.startDate();
        LocalDate end =
                commissioned.endDate() != null ? commissioned.endDate() : endOfFinancialYear(start);
        long weeks = weeks(start, end);
        return new PostingRequest(
                commissioned.providerCode(),
                commissioned.packageId(),
                Math.multiplyExact(commissioned.weeklyCostPence(), weeks),
                commissioned.currency(),
                start,
                new PostingRequest.Weekly(commissioned.weeklyCostPence(), end));
    }

    /** Whole weeks covering the days from start to end, both included. */
    static long weeks(LocalDate start, LocalDate end) {
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        return (days + 6) / 7;
    }

    /** 31 March ending the financial year (April to March) the day falls in. */
    static LocalDate endOfFinancialYear(LocalDate day) {
        int year =
                day.getMonthValue() >= Month.APRIL.getValue() ? day.getYear() + 1 : day.getYear();
        return LocalDate.of(year, Month.MARCH, 31);
    }
}
