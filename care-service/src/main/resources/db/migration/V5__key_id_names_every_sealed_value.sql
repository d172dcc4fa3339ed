-- key_id names the one key every sealed value in its row is under: key rotation finds the rows to
-- re-encrypt by key_id alone, so a value under a key its row's key_id does not name is never moved
-- off that key, and retiring the key would make the row unreadable. Until now a decision's reason
-- was sealed under the key active when it was decided while key_id kept the proposal's key, so a
-- row could hold values under two keys with key_id naming one of them.
--
-- Repaired here from the key id each sealed value carries (ADR 11: its first byte n, then n bytes
-- of key id): a row under one key gets that key's id; a decision under two gets '(mixed)', which no
-- key can be called, so the next rotation re-encrypts the whole row under the active key.
UPDATE referral
   SET key_id = convert_from(substring(protected FROM 2 FOR get_byte(protected, 0)), 'UTF8')
 WHERE protected IS NOT NULL
   AND key_id IS DISTINCT FROM
       convert_from(substring(protected FROM 2 FOR get_byte(protected, 0)), 'UTF8');

WITH sealed AS (
    SELECT referral_id,
           convert_from(substring(proposed_reason FROM 2 FOR get_byte(proposed_reason, 0)), 'UTF8')
               AS proposed,
           convert_from(substring(decided_reason FROM 2 FOR get_byte(decided_reason, 0)), 'UTF8')
               AS decided
      FROM referral_decision
     WHERE proposed_reason IS NOT NULL OR decided_reason IS NOT NULL
), named AS (
    SELECT referral_id,
           CASE WHEN proposed IS NULL THEN decided
                WHEN decided IS NULL OR decided = proposed THEN proposed
                ELSE '(mixed)'
           END AS key_id
      FROM sealed
)
UPDATE referral_decision d
   SET key_id = named.key_id
  FROM named
 WHERE d.referral_id = named.referral_id
   AND d.key_id IS DISTINCT FROM named.key_id;
