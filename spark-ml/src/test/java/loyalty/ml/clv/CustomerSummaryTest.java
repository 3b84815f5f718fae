package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerSummaryTest {
    static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN_8 = LocalDate.of(2024, 1, 8);
    static final LocalDate JAN_15 = LocalDate.of(2024, 1, 15);
    static final LocalDate CUTOFF = LocalDate.of(2024, 1, 29);

    static Transaction buy(String customer, LocalDate day, String amount) {
        return new Transaction(customer, day, new BigDecimal(amount));
    }

    @Test
    void purchasesOnOneDayAreOneTransactionWithTheAmountsSummed() {
        List<CustomerSummary> s = CustomerSummary.fromTransactions(List.of(buy("ann", JAN_1, "10"),
                buy("ann", JAN_8, "5"), buy("ann", JAN_8, "7.50"), buy("ann", JAN_15, "20.50")), CUTOFF,
                TimeScale.DAY);
        // days: Jan 1 (first), Jan 8 (12.50), Jan 15 (20.50): two repeat transactions, mean 16.50
        assertThat(s).containsExactly(new CustomerSummary("ann", 2, 14, 28, 16.5));
    }

    @Test
    void theFirstPurchaseCountsNeitherAsRepeatNorInTheMeanSpend() {
        List<CustomerSummary> s = CustomerSummary.fromTransactions(List.of(buy("bob", JAN_1, "1000"),
                buy("bob", JAN_1, "1"), buy("cy", JAN_8, "3"), buy("cy", JAN_15, "4")), CUTOFF, TimeScale.DAY);
        assertThat(s).containsExactly(new CustomerSummary("bob", 0, 0, 28, 0),
                new CustomerSummary("cy", 1, 7, 21, 4));
    }

    @Test
    void theCutoffDayIsInTheCalibrationPeriodAndLaterDaysAreNot() {
        List<CustomerSummary> s = CustomerSummary.fromTransactions(List.of(buy("dan", JAN_1, "2"),
                buy("dan", CUTOFF, "3"), buy("dan", CUTOFF.plusDays(1), "100"), buy("eve", CUTOFF, "9"),
                buy("late", CUTOFF.plusDays(1), "1")), CUTOFF, TimeScale.DAY);
        // dan's purchase on the cutoff day counts (t_x = T); eve was acquired on it (T = 0); late is not a customer yet
        assertThat(s).containsExactly(new CustomerSummary("dan", 1, 28, 28, 3),
                new CustomerSummary("eve", 0, 0, 0, 0));
    }

    @Test
    void inWeeksTimesAreDaysOverSevenNotCalendarWeeks() {
        List<CustomerSummary> s = CustomerSummary.fromTransactions(List.of(buy("fay", JAN_1, "2"),
                buy("fay", JAN_1.plusDays(10), "4"), buy("fay", JAN_1.plusDays(11), "6")), CUTOFF, TimeScale.WEEK);
        CustomerSummary fay = s.get(0);
        assertThat(fay.frequency()).isEqualTo(2);
        assertThat(fay.recency()).isCloseTo(11 / 7.0, within(1e-15));
        assertThat(fay.age()).isCloseTo(4.0, within(1e-15));
        assertThat(fay.monetaryValue()).isCloseTo(5.0, within(1e-15));
    }

    @Test
    void summariesAreOrderedByCustomerAndChecked() {
        List<CustomerSummary> s = CustomerSummary.fromTransactions(List.of(buy("z", JAN_1, "1"),
                buy("a", JAN_8, "1"), buy("m", JAN_15, "1")), CUTOFF, TimeScale.DAY);
        assertThat(s).extracting(CustomerSummary::customerId).containsExactly("a", "m", "z");
        assertThatThrownBy(() -> new CustomerSummary("x", 1, 5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transaction("x", JAN_1, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
