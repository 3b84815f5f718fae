package loyalty.lakehouse.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id an erased member's ledger rows carry from then on: {@code ERASED-} and the first 16 hex digits of
 * SHA-256(salt, program, member id). Deterministic, so running an erasure again (after a failure half-way) gives the
 * same pseudonym and changes nothing twice; salted per deployment, so nobody holding a list of member ids (the
 * operational database, old exports) can recompute the mapping without the salt. 64 bits make a collision between two
 * erased members of one program negligible (about 10^-10 at a million erasures).
 */
public final class Pseudonyms {
    public static final String PREFIX = "ERASED-";
    private static final int HEX_DIGITS = 16;

    private final byte[] salt;

    /** @param salt per deployment, kept secret and never changed (a new salt would give new pseudonyms) */
    public Pseudonyms(String salt) {
        if (salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("the erasure salt must be set (LOYALTY_ERASURE_SALT)");
        }
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    public String of(String program, String memberId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((byte) 0);
            sha.update(program.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(memberId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static boolean isPseudonym(String memberId) {
        return memberId != null && memberId.startsWith(PREFIX);
    }
}
