package loyalty.identity.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One row of an identifier's link history, as it is now: opened when an event linked the identifier to a member,
 * closed ({@code validTo} set) when a merge or a device move gave it to another member. A closed row replaces the
 * open row with the same {@link #linkId()}.
 */
public record LinkChange(String program, IdentifierKey identifier, String memberId, Instant validFrom,
                         String linkedByEvent, Instant validTo, String endedByEvent, String endReason) {
    public static final String MERGED = "merged";
    public static final String DEVICE_MOVED = "device_moved";

    static LinkChange opened(String program, IdentifierKey identifier, Link link) {
        return new LinkChange(program, identifier, link.memberId(), link.since(), link.sinceEvent(), null, null, null);
    }

    static LinkChange closed(String program, IdentifierKey identifier, Link link, Instant at, String byEvent,
                             String reason) {
        return new LinkChange(program, identifier, link.memberId(), link.since(), link.sinceEvent(), at, byEvent,
                reason);
    }

    /** Stable across the open and the closed version of the row: who, which identifier, and which event linked it. */
    public String linkId() {
        String natural = program + "\n" + identifier + "\n" + memberId + "\n" + linkedByEvent;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(natural.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
