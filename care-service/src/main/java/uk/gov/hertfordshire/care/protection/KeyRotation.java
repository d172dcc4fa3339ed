package uk.gov.hertfordshire.care.protection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Re-encrypts every sealed value not yet under the active key, in batches of {@value #BATCH} rows,
 * each batch its own transaction (claimed {@code FOR UPDATE SKIP LOCKED}, so two runs never fight
 * and an interrupted run resumes where it stopped). Progress is logged and reported as counts.
 * Values are opened and sealed again with the same associated data, so a value still cannot move
 * between records.
 *
 * <p>Rows are found by their {@code key_id} column, which names the one key every sealed value in
 * the row is under: a decision seals its reason and moves the proposal's to the same key, and a
 * rotation seals a row's values under the key it names. Rows written before that rule with values
 * under two keys are marked {@value #MIXED} (migration V5), which no key is called, so every
 * rotation takes them.
 *
 * <p><b>Before retiring an old key</b> (removing it from the file), an operator checks that {@code
 * remaining} is 0 in the result of a rotation <em>started after every instance has taken up the new
 * active key</em>: each instance reloads the file by itself within {@code
 * platform.care.keys.reload-interval} (2 s) of it changing ({@link CareKeysWatch}), and until then
 * it seals new rows under the old key. So: put the new file in place on every instance, wait longer
 * than that interval (10 s is ample), make sure no instance logged that the changed file was not
 * loaded, run the rotation, and retire the old key only if it reports {@code remaining} 0. A
 * rotation run sooner may report 0 while an instance is still writing under the old key; running it
 * again is always safe.
 */
@Service
public class KeyRotation {

    static final int BATCH = 200;

    /** The {@code key_id} of a row whose sealed values are under more than one key. */
    static final String MIXED = "(mixed)";

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final CareKeys keys;
    private final FieldCipher cipher;
    private final AccessAudit audit;

    KeyRotation(
            JdbcClient jdbc,
            TransactionOperations transactions,
            CareKeys keys,
            FieldCipher cipher,
            AccessAudit audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keys = keys;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * Reloads the key file and re-encrypts what is under older keys.
     *
     * @param actor who asked ({@code Caller.id()})
     * @param progress told the running total after each batch
     */
    public Result rotate(String actor, IntConsumer progress) {
        try {
            keys.reload();
        } catch (IOException e) {
            throw new UncheckedIOException("the care key file could not be read", e);
        }
        String active = keys.activeKeyId();
        int remainingBefore = remaining(active);
        log.info("Key rotation to '{}': {} sealed rows to re-encrypt", active, remainingBefore);
        int done = 0;
        Integer batch;
        do {
            batch = transactions.execute(status -> rotateBatch(actor, active));
            done += batch == null ? 0 : batch;
            progress.accept(done);
            log.info("Key rotation to '{}': {} of {} re-encrypted", active, done, remainingBefore);
        } while (batch != null && batch > 0);
        return new Result(active, done, remaining(active));
    }

    /**
     * How many sealed rows are under another key than {@code active}, by their {@code key_id}. Only
     * conclusive once every instance has taken up {@code active} (see the class comment).
     */
    public int remaining(String active) {
        return jdbc.sql(
                        "SELECT (SELECT count(*) FROM referral WHERE protected IS NOT NULL AND"
                                + " key_id <> :active) + (SELECT count(*) FROM referral_decision"
                                + " WHERE key_id <> :active)")
                .param("active", active)
                .query(Integer.class)
                .single();
    }

    private int rotateBatch(String actor, String active) {
        List<UUID> referrals =
                jdbc.sql(
                                "SELECT id FROM referral WHERE protected IS NOT NULL AND key_id <>"
                                        + " :active ORDER BY id LIMIT "
                                        + BATCH
                                        + " FOR UPDATE SKIP LOCKED")
                        .param("active", active)
                        .query(UUID.class)
                        .list();
        for (UUID id : referrals) {
            byte[] sealed =
                    jdbc.sql("SELECT protected FROM referral WHERE id = :id")
                            .param("id", id)
                            .query(byte[].class)
                            .single();
            byte[] resealed = cipher.resealUnder(sealed, "referral:" + id, active);
            jdbc.sql("UPDATE referral SET protected = :sealed, key_id = :key WHERE id = :id")
                    .param("sealed", resealed)
                    .param("key", active)
                    .param("id", id)
                    .update();
            audit.record(actor, "referral.reencrypt", id, "key-rotation");
        }
        List<UUID> decisions =
                jdbc.sql(
                                "SELECT referral_id FROM referral_decision WHERE key_id <> :active"
                                        + " ORDER BY referral_id LIMIT "
                                        + BATCH
                                        + " FOR UPDATE SKIP LOCKED")
                        .param("active", active)
                        .query(UUID.class)
                        .list();
        for (UUID id : decisions) {
            resealDecision(id, active);
        }
        return referrals.size() + decisions.size();
    }

    private void resealDecision(UUID id, String active) {
        record Reasons(byte[] proposed, byte[] decided) {}
        Reasons reasons =
                jdbc.sql(
                                "SELECT proposed_reason, decided_reason FROM referral_decision"
                                        + " WHERE referral_id = :id")
                        .param("id", id)
                        .query((rs, row) -> new Reasons(rs.getBytes(1), rs.getBytes(2)))
                        .single();
        String proposed = "decision:" + id + ":proposed";
        String decided = "decision:" + id + ":decided";
        // Both under the key named, not the file's active key now: it may change between them.
        jdbc.sql(
                        "UPDATE referral_decision SET proposed_reason = :proposed, decided_reason"
                                + " = :decided, key_id = :key WHERE referral_id = :id")
                .param(
                        "proposed",
                        reasons.proposed() == null
                                ? null
                                : cipher.resealUnder(reasons.proposed(), proposed, active))
                .param(
                        "decided",
                        reasons.decided() == null
                                ? null
                                : cipher.resealUnder(reasons.decided(), decided, active))
                .param("key", active)
                .param("id", id)
                .update();
    }

    /**
     * What a rotation did.
     *
     * @param activeKeyId the key everything is now sealed under
     * @param reencrypted rows re-encrypted by this run
     * @param remaining rows still under an older key (0 unless rows were added concurrently)
     */
    public record Result(String activeKeyId, int reencrypted, int remaining) {}
}
