package uk.gov.hertfordshire.care.carepackage;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.care.protection.AccessAudit;
import uk.gov.hertfordshire.care.referral.Referral;
import uk.gov.hertfordshire.care.referral.Referrals;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Commissions packages of care: stored with {@code care.package-commissioned.v1} in one
 * transaction, so sap-adapter's finance commitment can neither be lost nor sent twice.
 */
@Service
public class CarePackages {

    static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A weekly cost above this (£20,000) is a typing error, not a package. */
    static final long MAX_WEEKLY_PENCE = 2_000_000;

    private final JdbcClient jdbc;
    private final Referrals referrals;
    private final AccessAudit audit;
    private final Outbox outbox;
    private final Clock clock;

    CarePackages(
            JdbcClient jdbc, Referrals referrals, AccessAudit audit, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Commissions a package for a decided referral.
     *
     * @throws IllegalArgumentException naming a bad field, or if the referral is not found or not
     *     yet decided
     */
    @Transactional
    public PackageCommissioned commission(
            UUID referralId,
            String providerCode,
            long weeklyCostPence,
            LocalDate startDate,
            LocalDate endDate,
            Caller manager) {
        if (providerCode == null || !PROVIDER.matcher(providerCode).matches()) {
            throw new IllegalArgumentException("providerCode must be the provider's code");
        }
        if (weeklyCostPence <= 0 || weeklyCostPence > MAX_WEEKLY_PENCE) {
            throw new IllegalArgumentException(
                    "weeklyCostPence must be between 1 and " + MAX_WEEKLY_PENCE);
        }
        if (startDate == null) {
            throw new IllegalArgumentException("startDate is required");
        }
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate must not be before startDate");
        }
        Referral referral =
                referrals
                        .read(referralId, manager, "commissioning")
                        .orElseThrow(() -> new IllegalArgumentException("no such referral"));
        if (!referral.status().equals("completed")) {
            throw new IllegalArgumentException(
                    "a package is commissioned for a referral decided for action");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        PackageCommissioned commissioned =
                new PackageCommissioned(
                        UUID.randomUUID().toString(),
                        referralId.toString(),
                        providerCode,
                        weeklyCostPence,
                        "GBP",
                        startDate,
                        endDate,
                        now);
        jdbc.sql(
                        "INSERT INTO care_package (id, referral_id, provider_code,"
                                + " weekly_cost_pence, currency, start_date, end_date,"
                                + " commissioned_by, commissioned_at) VALUES (:id, :referral,"
                                + " :provider, :cost, 'GBP', :start, :end, :by, :at)")
                .param("id", UUID.fromString(commissioned.packageId()))
                .param("referral", referralId)
                .param("provider", providerCode)
                .param("cost", weeklyCostPence)
                .param("start", Date.valueOf(startDate))
                .param("end", endDate == null ? null : Date.valueOf(endDate))
                .param("by", manager.id())
                .param("at", Timestamp.from(now))
                .update();
        audit.record(manager.id(), "package.commission", referralId, "commissioning");
        outbox.append(commissioned);
        return commissioned;
    }
}
