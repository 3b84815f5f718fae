package loyalty.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void roundTripsWithMoneyAsStringsAndInstantsAsIso() {
        Event event = Event.of("web-1", EventType.ORDER_COMPLETED, "acme", Instant.parse("2026-01-05T12:00:00Z"),
                "web", new Identifiers("bob@x.com", null, null, null, null),
                new OrderCompleted("O1", new BigDecimal("120.50"), "USD", "web", List.of("shoes")));
        String json = new String(EventJson.toBytes(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"net_amount\":\"120.50\"").contains("\"occurred_at\":\"2026-01-05T12:00:00Z\"")
                .doesNotContain("\"phone\"");
        Event back = EventJson.readEvent(json.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(event);
        assertThat(back.payloadAs(OrderCompleted.class).netAmount()).isEqualTo(new BigDecimal("120.50"));
    }
}
