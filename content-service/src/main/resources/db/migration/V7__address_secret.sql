-- The secret client-address hashes are keyed from (delivery.AddressHash), unless
-- platform.content.feedback.address-key is set. Made here, once per database, from PostgreSQL's
-- strong random source (gen_random_uuid: 122 random bits each, 244 in all), so no source file or
-- deployment holds it and every replica and restart of the service reads the same one.
CREATE TABLE address_secret (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    secret   text    NOT NULL
);
INSERT INTO address_secret (only_row, secret)
VALUES (true, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- Rows written before this migration hold HMACs under a key that was in the source, so anyone could
-- turn them back into addresses by hashing every IPv4 address. Their addresses cannot be hashed
-- again (they were never kept), so each old hash is hashed once more with the new secret: no
-- longer reversible without it, and keeping only the links the new hashes keep. Feedback: within
-- a day, never across days. Listing reports: within their listing, so
-- reporters counted since it went live stay counted once. A client who sent feedback (or reported
-- a listing) before this migration and does so again after it is not recognised as the same.
UPDATE feedback f
SET client_hash = encode(sha256(convert_to(
        s.secret || ' migrated feedback ' || f.day::text || ' ' || f.client_hash, 'UTF8')), 'hex')
FROM address_secret s;

UPDATE listing_report r
SET client_hash = encode(sha256(convert_to(
        s.secret || ' migrated listing-report ' || r.item_id::text || ' ' || r.client_hash,
        'UTF8')), 'hex')
FROM address_secret s;
