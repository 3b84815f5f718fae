package loyalty.cli.member;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A balance explained from ledger entries alone (SPEC §11): the entries up to {@code asOf} add up to available plus
 * pending; a lot's entries add up to what is left of it, and the lots not yet available at {@code asOf} are the
 * pending points. Debt is the one figure entries cannot show: it is paid from lots as they become available, without
 * an entry (SPEC §13.8), so it is read from the balance row. Explained as of the published balance's {@code as_of}
 * (the job writes one after every change), both must agree: {@link #explained()}.
 */
public record MemberExplanation(List<LedgerRow> entries, List<Lot> lots, long total, long pending, Instant asOf,
                                Optional<BalanceRow> balance) {

    /** A lot as its entries tell it: the points it was created with and what its entries leave of it. */
    public record Lot(String lotId, String type, long points, long left, Instant occurredAt, Instant availableAt,
                      Instant expiresAt, String status) {
    }

    public static MemberExplanation of(List<LedgerRow> all, Optional<BalanceRow> balance, Instant asOf) {
        List<LedgerRow> entries = all.stream().filter(e -> !e.occurredAt().isAfter(asOf)).toList();
        Map<String, List<LedgerRow>> byLot = new LinkedHashMap<>();
        long total = 0;
        for (LedgerRow e : entries) {
            total += e.points();
            if (e.lotId() != null) {
                byLot.computeIfAbsent(e.lotId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Lot> lots = new ArrayList<>();
        long pending = 0;
        for (Map.Entry<String, List<LedgerRow>> lot : byLot.entrySet()) {
            LedgerRow created = lot.getValue().stream().filter(e -> e.availableAt() != null).findFirst()
                    .orElse(lot.getValue().get(0));
            long left = lot.getValue().stream().mapToLong(LedgerRow::points).sum();
            String status = status(created, left, asOf);
            if ("pending".equals(status)) {
                pending += left;
            }
            lots.add(new Lot(lot.getKey(), created.type(), created.points(), left, created.occurredAt(),
                    created.availableAt(), created.expiresAt(), status));
        }
        return new MemberExplanation(entries, lots, total, pending, asOf, balance);
    }

    private static String status(LedgerRow created, long left, Instant asOf) {
        if (created.availableAt() == null) {
            return left == 0 ? "closed" : "open";
        }
        if (created.expiresAt() != null && !created.expiresAt().isAfter(asOf)) {
            return "expired";
        }
        if (created.availableAt().isAfter(asOf)) {
            return "pending";
        }
        return left == 0 ? "used" : "available";
    }

    /** Available net of debt: everything not pending. */
    public long available() {
        return total - pending;
    }

    /** The published balance can be checked: it is as of the same instant. */
    public boolean comparable() {
        return balance.isPresent() && balance.get().asOf().equals(asOf);
    }

    public boolean explained() {
        if (!comparable()) {
            return true;
        }
        BalanceRow b = balance.get();
        return total == b.available() + b.pending() && pending == b.pending();
    }
}
