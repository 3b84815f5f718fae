package loyalty.generator.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Gives business ids in time order across all programs, as the retailer's systems would: crm_ids, order ids per
 * channel (S store, W web, A app), return ids and redemption ids. Ids are unique across programs because the
 * operational tables key on them alone.
 */
public final class IdAssigner {
    private static final long FIRST = 1_000_001;

    private IdAssigner() {
    }

    public static void assign(List<ProgramPlan> plans) {
        List<Account> accounts = collect(plans, ProgramPlan::accounts);
        sort(accounts, Account::createdAt, Account::seq);
        for (int i = 0; i < accounts.size(); i++) {
            accounts.get(i).assignCrmId(Long.toString(FIRST + i));
        }
        List<Purchase> purchases = collect(plans, ProgramPlan::purchases);
        sort(purchases, Purchase::placedAt, Purchase::seq);
        Map<Channel, Long> next = new EnumMap<>(Channel.class);
        for (Purchase p : purchases) {
            long n = next.merge(p.channel(), 1L, Long::sum);
            p.assignOrderId(prefix(p.channel()) + (FIRST + n - 1));
        }
        List<Refund> refunds = collect(plans, ProgramPlan::refunds);
        sort(refunds, Refund::at, Refund::seq);
        for (int i = 0; i < refunds.size(); i++) {
            refunds.get(i).assignReturnId("R" + (FIRST + i));
        }
        List<Redemption> redemptions = collect(plans, ProgramPlan::redemptions);
        sort(redemptions, Redemption::at, Redemption::seq);
        for (int i = 0; i < redemptions.size(); i++) {
            redemptions.get(i).assignRedemptionId("RD" + (FIRST + i));
        }
    }

    private static String prefix(Channel channel) {
        return switch (channel) {
            case STORE -> "S";
            case WEB -> "W";
            case APP -> "A";
        };
    }

    private static <T> List<T> collect(List<ProgramPlan> plans, Function<ProgramPlan, List<T>> part) {
        List<T> all = new ArrayList<>();
        plans.forEach(plan -> all.addAll(part.apply(plan)));
        return all;
    }

    private static <T> void sort(List<T> items, Function<T, Instant> time, ToLongFunction<T> seq) {
        items.sort(Comparator.comparing(time).thenComparingLong(seq));
    }
}
