package uk.gov.hertfordshire.care.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption of care data at rest with the JDK's AES-256-GCM (ADR 11). A sealed value
 * is {@code [key id length][key id][12-byte nonce][ciphertext and 16-byte tag]}, so each row says
 * which key opens it and rotation can find the rows still under an old one. The record's id is
 * bound in as associated data: a sealed value copied onto another record does not open.
 */
public final class FieldCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CareKeys keys;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(CareKeys keys) {
        this.keys = keys;
    }

    /** Encrypts under the active key, bound to {@code recordId}. */
    public byte[] seal(String plaintext, String recordId) {
        return seal(plaintext, recordId, keys.activeKeyId());
    }

    /**
     * {@code sealed} under the key {@code keyId}: the same bytes when it already is, otherwise
     * opened and sealed again under that key for the same record. For a row holding more than one
     * sealed value, so that one key opens all of them and the row's {@code key_id} names it: the
     * key is named, not taken from the key file's current {@code active}, which may change between
     * two seals.
     *
     * @throws IllegalStateException if either key is missing or the value was altered or moved
     */
    public byte[] resealUnder(byte[] sealed, String recordId, String keyId) {
        if (keyIdOf(sealed).equals(keyId)) {
            return sealed;
        }
        return seal(open(sealed, recordId), recordId, keyId);
    }

    /** Encrypts under the key {@code keyId}, bound to {@code recordId}. */
    byte[] seal(String plaintext, String recordId, String keyId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    keys.dataKey(keyId),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(1 + id.length + NONCE_BYTES + sealed.length)
                    .put((byte) id.length)
                    .put(id)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a care record", e);
        }
    }

    /**
     * Decrypts a value sealed for {@code recordId}.
     *
     * @throws IllegalStateException if the key is missing or the value was altered or moved
     */
    public String open(byte[] sealed, String recordId) {
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        String keyId = keyIdOf(sealed);
        buffer.position(1 + keyId.length());
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    keys.dataKey(keyId),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a care record did not decrypt: altered or moved");
        }
    }

    /** The id of the key a value is sealed under. */
    public static String keyIdOf(byte[] sealed) {
        int length = sealed[0];
        return new String(Arrays.copyOfRange(sealed, 1, 1 + length), StandardCharsets.US_ASCII);
    }

    /** Whether the value is sealed under the active key. */
    public boolean isCurrent(byte[] sealed) {
        return keyIdOf(sealed).equals(keys.activeKeyId());
    }

    /**
     * A keyed hash (HMAC-SHA-256) for finding a record by a value without storing the value: the
     * same input always gives the same hash, and without the lookup key nobody can test guesses.
     * Input is trimmed and lower-cased first.
     */
    public byte[] lookupHash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.lookupKey());
            return mac.doFinal(
                    value.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not hash a lookup value", e);
        }
    }
}
