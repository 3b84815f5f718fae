package loyalty.cli.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.Optional;
import loyalty.cli.member.SearchedIdentifier;
import loyalty.contract.event.EventJson;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;

/**
 * The answers of the balance API, from the serving tables. A member id that was merged away answers with its
 * survivor's balance, lots and entries and says so ({@code resolved_from}): the survivor holds the lots now (SPEC §3
 * merge effects), and a till holding an old card's member id should see what the customer can spend.
 */
final class MemberAnswers {
    static final int RECENT_ENTRIES = 20;
    static final int DEFAULT_ENTRIES = 100;
    static final int MAX_ENTRIES = 500;
    /** A survivor is never merged itself, but a chain of merges over time may leave older ids a few hops away. */
    private static final int MAX_HOPS = 10;

    private final ServingReads reads;

    MemberAnswers(ServingReads reads) {
        this.reads = reads;
    }

    /** Balance, open lots and the {@value #RECENT_ENTRIES} most recent entries. */
    ObjectNode member(String program, String memberId) throws SQLException {
        Found found = find(program, memberId);
        ObjectNode body = head(program, memberId, found);
        Optional<ObjectNode> balance = reads.balance(program, found.memberId());
        if (balance.isPresent()) {
            ObjectNode b = balance.get();
            body.set("lots", b.remove("lots"));
            body.set("balance", b);
        } else {
            // The identity job has made the member, the ledger job has not written its balance yet.
            body.putNull("balance");
            body.putArray("lots");
        }
        body.set("recent_entries", reads.entries(program, found.memberId(), RECENT_ENTRIES));
        return body;
    }

    ObjectNode entries(String program, String memberId, int limit) throws SQLException {
        Found found = find(program, memberId);
        ObjectNode body = head(program, memberId, found);
        ArrayNode entries = reads.entries(program, found.memberId(), limit);
        body.put("limit", limit);
        body.set("entries", entries);
        return body;
    }

    /** The member who holds the identifier now, answered as {@link #member}. */
    ObjectNode lookup(String program, SearchedIdentifier id) throws SQLException {
        String kind = id.type().wireName();
        String holder = reads.holder(program, kind, id.value()).orElseThrow(() -> ApiError.notFound(
                "no member holds " + id.describe() + " in program " + program + blocklistNote(id)));
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.putObject("identifier").put("kind", kind).put("value", id.value()).put("as_given", id.raw());
        body.setAll(member(program, holder));
        return body;
    }

    private record Found(String memberId, ObjectNode row) {
    }

    private Found find(String program, String memberId) throws SQLException {
        Optional<ObjectNode> row = reads.member(program, memberId);
        String current = memberId;
        for (int hop = 0; row.isPresent() && isMerged(row.get()) && hop < MAX_HOPS; hop++) {
            current = row.get().path("merged_into").asText();
            row = reads.member(program, current);
        }
        if (row.isEmpty() && current.equals(memberId) && reads.balance(program, memberId).isEmpty()) {
            throw ApiError.notFound("no member " + memberId + " in program " + program);
        }
        return new Found(current, row.orElse(null));
    }

    private static boolean isMerged(ObjectNode member) {
        return "MERGED".equals(member.path("status").asText()) && member.hasNonNull("merged_into");
    }

    private static ObjectNode head(String program, String asked, Found found) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("program", program);
        body.put("member_id", found.memberId());
        if (!found.memberId().equals(asked)) {
            body.put("resolved_from", asked);
        }
        if (found.row() == null) {
            body.putNull("status");
        } else {
            body.set("status", found.row().get("status"));
        }
        return body;
    }

    /** The usual reason an identifier is never linked; a program's rule set may block more than the default. */
    private static String blocklistNote(SearchedIdentifier id) {
        if (!id.type().isStrong()) {
            return "";
        }
        return Blocklist.of(BlocklistConfig.DEFAULT).blocks(id.type(), id.value())
                .map(why -> " (" + why + " of the default rule set, so the pipeline ignores it)")
                .orElse("");
    }
}
