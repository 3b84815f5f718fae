package loyalty.nudge;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SPEC §13.15: the control group for measuring a nudge's lift. A member's bucket is the first 8 bytes (big-endian,
 * unsigned) of SHA-256 of UTF-8 {@code program:member_id}, mod 10,000; it is held out iff bucket < share × 10,000.
 * Stable across runs, machines and languages, so analysts can recompute it in SQL or Python.
 */
public final class Holdout {
    private static final BigDecimal BUCKETS = BigDecimal.valueOf(10_000);

    private Holdout() {
    }

    public static long bucket(String program, String memberId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((program + ":" + memberId).getBytes(StandardCharsets.UTF_8));
            return Long.remainderUnsigned(ByteBuffer.wrap(digest, 0, 8).getLong(), 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static boolean heldOut(String program, String memberId, BigDecimal share) {
        return BigDecimal.valueOf(bucket(program, memberId)).compareTo(share.multiply(BUCKETS)) < 0;
    }
}
