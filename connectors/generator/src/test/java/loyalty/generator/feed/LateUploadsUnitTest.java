package loyalty.generator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.OrderCompleted;
import loyalty.contract.event.OrderReturned;
import loyalty.generator.random.Draw;
import org.junit.jupiter.api.Test;

/** {@link LateUploads} on hand-made feeds, where the spacing of the sales decides what can be moved. */
class LateUploadsUnitTest {
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void anHourlyFeedGetsHalfAPercentOfItsSalesLate() {
        List<PlannedEvent> feed = sales(400, Duration.ofHours(1));

        LateUploads.Reordered out = LateUploads.plant(feed, Draw.of(1, "test", 0));

        // round(400 × 0.005) = 2
        assertThat(out.delays()).hasSize(2);
        assertThat(out.events()).hasSameSizeAs(feed).containsExactlyInAnyOrderElementsOf(feed);
        for (PlannedEvent late : out.delays().keySet()) {
            Duration delay = out.delays().get(late);
            PlannedEvent before = out.events().get(out.events().indexOf(late) - 1);
            assertThat(delay).isBetween(Duration.ofHours(2), Duration.ofHours(48));
            // hourly sales: the line before is the last sale at or before sale time + delay
            assertThat(Duration.between(late.at(), before.at()))
                    .isGreaterThanOrEqualTo(Duration.ofHours(2)).isLessThanOrEqualTo(delay)
                    .isGreaterThan(delay.minusHours(1));
        }
    }

    @Test
    void fewerThanFiftySalesGetNone() {
        assertThat(LateUploads.plant(sales(49, Duration.ofHours(1)), Draw.of(1, "test", 0)).delays()).isEmpty();
    }

    @Test
    void salesTwoDaysApartStillGiveOneWithTheLongestDelay() {
        // only a delay of exactly 48 h reaches the next sale, which a drawn delay almost never is
        List<PlannedEvent> feed = sales(50, Duration.ofHours(48));

        LateUploads.Reordered out = LateUploads.plant(feed, Draw.of(1, "test", 0));

        assertThat(out.delays()).hasSize(1);
        assertThat(out.delays().values()).containsExactly(Duration.ofHours(48));
    }

    @Test
    void salesMoreThanTwoDaysApartCannotBeUploadedLateVisibly() {
        assertThat(LateUploads.plant(sales(60, Duration.ofHours(49)), Draw.of(1, "test", 0)).delays()).isEmpty();
    }

    @Test
    void aSaleIsNeverMovedBehindItsOwnReturn() {
        // every sale is returned one minute later, so every move of 2 h or more would put a return before its sale
        List<PlannedEvent> feed = new ArrayList<>();
        for (PlannedEvent sale : sales(100, Duration.ofHours(1))) {
            feed.add(sale);
            String orderId = ((OrderCompleted) sale.payload()).orderId();
            feed.add(new PlannedEvent(FeedSource.POS, sale.at().plusSeconds(60), sale.seq(), 1, "acme",
                    sale.personId(), EventType.ORDER_RETURNED, sale.identifiers(),
                    new OrderReturned("R-" + orderId, BigDecimal.TEN, orderId), null));
        }

        assertThat(LateUploads.plant(feed, Draw.of(1, "test", 0)).delays()).isEmpty();
    }

    @Test
    void theSameDrawGivesTheSameMoves() {
        List<PlannedEvent> feed = sales(1000, Duration.ofMinutes(20));

        assertThat(LateUploads.plant(feed, Draw.of(3, "test", 0)).events())
                .isEqualTo(LateUploads.plant(feed, Draw.of(3, "test", 0)).events())
                .isNotEqualTo(LateUploads.plant(feed, Draw.of(4, "test", 0)).events());
    }

    private static List<PlannedEvent> sales(int count, Duration apart) {
        List<PlannedEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new PlannedEvent(FeedSource.POS, MONDAY.plus(apart.multipliedBy(i)), i, 0, "acme", "P" + i,
                    EventType.ORDER_COMPLETED, new Identifiers(null, null, "6047" + i, null, null),
                    new OrderCompleted("O-" + i, BigDecimal.TEN, "USD", "store", List.of("grocery")), null));
        }
        return out;
    }
}
