package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import loyalty.generator.plan.Churn;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planted churn signal a model must be able to learn: churners' orders thin out before their churn day and
 * stop at it, their engagement lapses earlier still, and the others keep buying at their own rate.
 */
class ChurnSignalTest {
    /** A year, so most churn days fall inside the period. */
    private static final GeneratorConfig YEAR = Generated.DEFAULT.withPeriod(LocalDate.of(2025, 1, 1), 365);
    private static ProgramPlan plan;

    @BeforeAll
    static void generate() {
        plan = Generated.of(YEAR).plans().get(0);
    }

    @Test
    void aboutAQuarterOfTheCustomersChurn() {
        double share = (double) plan.churnAt().size() / plan.customers().size();
        assertThat(share).isBetween(Churn.SHARE - 0.03, Churn.SHARE + 0.03);
    }

    @Test
    void churnersPlaceNoOrderFromTheirChurnDayOn() {
        assertThat(plan.purchases()).noneSatisfy(o -> assertThat(churnedBefore(o.person().id(), o.placedAt()))
                .isTrue());
    }

    @Test
    void churnersOrderLessInTheMonthsBeforeTheyGoThanTheyDidBefore() {
        // Each churner's orders in its decline window against the equally long window before it, set against the
        // same two calendar windows for the customers who stay, so seasons and late starters cancel out.
        long churnerDeclining = 0;
        long churnerBefore = 0;
        long stayerDeclining = 0;
        long stayerBefore = 0;
        List<Instant> stayerOrders = plan.purchases().stream()
                .filter(o -> !plan.churnAt().containsKey(o.person().id())).map(Purchase::placedAt).toList();
        for (Map.Entry<String, Instant> churner : plan.churnAt().entrySet()) {
            Instant declineFrom = churner.getValue().minus(Churn.ORDER_DECLINE);
            Instant beforeFrom = declineFrom.minus(Churn.ORDER_DECLINE);
            if (churner.getValue().isAfter(YEAR.periodEnd()) || beforeFrom.isBefore(YEAR.periodStart())) {
                continue;
            }
            List<Instant> orders = ordersOf(churner.getKey());
            churnerDeclining += count(orders, declineFrom, churner.getValue());
            churnerBefore += count(orders, beforeFrom, declineFrom);
            stayerDeclining += count(stayerOrders, declineFrom, churner.getValue());
            stayerBefore += count(stayerOrders, beforeFrom, declineFrom);
        }
        assertThat(churnerBefore).isGreaterThan(100);
        double churners = (double) churnerDeclining / churnerBefore;
        double stayers = (double) stayerDeclining / stayerBefore;
        // the planted decline keeps 62.5% of the orders on average
        assertThat(churners).isLessThan(0.8 * stayers);
    }

    @Test
    void engagementLapsesBeforeTheLastOrders() {
        // engagement follows an order by up to 20 days, and stops following orders ENGAGEMENT_LAPSE before the end
        long lateEngagementsOfChurners = plan.engagements().stream()
                .filter(e -> plan.churnAt().containsKey(e.person().id()))
                .filter(e -> e.at().isAfter(plan.churnAt().get(e.person().id()).minus(Churn.ENGAGEMENT_LAPSE)
                        .plus(Duration.ofDays(21))))
                .count();
        assertThat(lateEngagementsOfChurners).isZero();
    }

    @Test
    void customersWhoStayKeepBuyingThroughThePeriod() {
        long stayersBuyingInTheLastQuarter = plan.purchases().stream()
                .filter(o -> !plan.churnAt().containsKey(o.person().id()))
                .filter(o -> o.placedAt().isAfter(YEAR.periodEnd().minus(Duration.ofDays(91))))
                .map(o -> o.person().id())
                .distinct().count();
        long stayersBuyingInTheFirstQuarter = plan.purchases().stream()
                .filter(o -> !plan.churnAt().containsKey(o.person().id()))
                .filter(o -> o.placedAt().isBefore(YEAR.periodStart().plus(Duration.ofDays(91))))
                .map(o -> o.person().id())
                .distinct().count();
        assertThat((double) stayersBuyingInTheLastQuarter / stayersBuyingInTheFirstQuarter).isGreaterThan(0.8);
    }

    private static long count(List<Instant> times, Instant from, Instant to) {
        return times.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
    }

    private static boolean churnedBefore(String personId, Instant at) {
        Instant churn = plan.churnAt().get(personId);
        return churn != null && !at.isBefore(churn);
    }

    private static List<Instant> ordersOf(String personId) {
        return plan.purchases().stream().filter(o -> o.person().id().equals(personId)).map(Purchase::placedAt)
                .toList();
    }
}
