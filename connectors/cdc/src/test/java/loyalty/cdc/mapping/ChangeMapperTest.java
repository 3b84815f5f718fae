package loyalty.cdc.mapping;

import static loyalty.cdc.mapping.Rows.COMMITTED;
import static loyalty.cdc.mapping.Rows.COMPLETED;
import static loyalty.cdc.mapping.Rows.CREATED;
import static loyalty.cdc.mapping.Rows.EDITED;
import static loyalty.cdc.mapping.Rows.EFFECTIVE;
import static loyalty.cdc.mapping.Rows.ENROLLED;
import static loyalty.cdc.mapping.Rows.LSN;
import static loyalty.cdc.mapping.Rows.RETURNED;
import static loyalty.cdc.mapping.Rows.customer;
import static loyalty.cdc.mapping.Rows.delete;
import static loyalty.cdc.mapping.Rows.insert;
import static loyalty.cdc.mapping.Rows.order;
import static loyalty.cdc.mapping.Rows.returned;
import static loyalty.cdc.mapping.Rows.ruleSet;
import static loyalty.cdc.mapping.Rows.snapshot;
import static loyalty.cdc.mapping.Rows.update;
import static loyalty.cdc.mapping.Rows.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.validation.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeMapperTest {
    private static final String RULES = "{\"version\": \"v2\", \"base_rate\": 1}";
    private final ChangeMapper mapper = new ChangeMapper();

    /** Each rule of the mapping (README): the change, then "type id occurred_at", "reject:reason" or "skip". */
    static Stream<Arguments> rules() {
        return Stream.of(
                // customers
                row("enrolled customer inserted", insert("customers", customer("42", true)),
                        "member.enrolled cdc:customers:42:enrolled " + ENROLLED),
                row("enrolled customer in the snapshot", snapshot("customers", customer("42", true)),
                        "member.enrolled cdc:customers:42:enrolled " + ENROLLED),
                row("enrolled without enrolled_at is dated by updated_at",
                        insert("customers", with(customer("42", true), "enrolled_at", null)),
                        "member.enrolled cdc:customers:42:enrolled " + ENROLLED),
                row("non-enrolled customer inserted", insert("customers", customer("42", false)),
                        "profile.updated cdc:customers:42:" + LSN + " " + CREATED),
                row("enrolment flips false to true",
                        update("customers", customer("42", false), customer("42", true)),
                        "member.enrolled cdc:customers:42:enrolled " + ENROLLED),
                row("email edit of an enrolled member",
                        update("customers", customer("42", true),
                                with(customer("42", true), "email", "bob@y.com", "updated_at", EDITED)),
                        "profile.updated cdc:customers:42:" + LSN + " " + EDITED),
                row("consent edit of a non-member",
                        update("customers", customer("42", false),
                                with(customer("42", false), "consent_sms", true, "updated_at", EDITED)),
                        "profile.updated cdc:customers:42:" + LSN + " " + EDITED),
                row("edit that left updated_at alone is dated by the commit",
                        update("customers", customer("42", true), with(customer("42", true), "phone", "555")),
                        "profile.updated cdc:customers:42:" + LSN + " " + COMMITTED),
                row("update of unmapped columns only",
                        update("customers", customer("42", true),
                                with(customer("42", true), "updated_at", EDITED, "referred_by", "8")),
                        "skip"),
                row("un-enrolment changes no mapped column",
                        update("customers", customer("42", true), with(customer("42", true),
                                "loyalty_enrolled", false)),
                        "skip"),
                row("customer delete", delete("customers", customer("42", true)), "skip"),
                row("customer with no identifier",
                        insert("customers", with(customer("", false), "email", null, "phone", " ",
                                "card_number", null)),
                        "reject:no_identifier"),
                row("customer without crm_id but with an email",
                        insert("customers", with(customer(" ", true))),
                        "reject:missing_field"),
                row("update without a before-image", update("customers", null, customer("42", true)),
                        "reject:unmappable_change"),
                row("program the contract refuses",
                        insert("customers", with(customer("42", true), "program", "ACME Corp")),
                        "reject:invalid_value"),
                // orders
                row("order inserted as completed", insert("orders", order("O1", "COMPLETED")),
                        "order.completed cdc:orders:O1:completed " + COMPLETED),
                row("completed order in the snapshot", snapshot("orders", order("O1", "COMPLETED")),
                        "order.completed cdc:orders:O1:completed " + COMPLETED),
                row("order placed", insert("orders", order("O1", "PLACED")), "skip"),
                row("order paid", update("orders", order("O1", "PLACED"), order("O1", "PAID")), "skip"),
                row("order reaches completed",
                        update("orders", order("O1", "PAID"), order("O1", "COMPLETED")),
                        "order.completed cdc:orders:O1:completed " + COMPLETED),
                row("completed without completed_at is dated by updated_at",
                        update("orders", order("O1", "PAID"),
                                with(order("O1", "COMPLETED"), "completed_at", null)),
                        "order.completed cdc:orders:O1:completed " + COMPLETED),
                row("edit of a completed order",
                        update("orders", order("O1", "COMPLETED"),
                                with(order("O1", "COMPLETED"), "net_amount", "99.00")),
                        "skip"),
                row("order delete", delete("orders", order("O1", "COMPLETED")), "skip"),
                row("completed order with no customer reference",
                        insert("orders", with(order("O1", "COMPLETED"), "customer_crm_id", null,
                                "customer_email", null, "card_number", null, "device_id", null)),
                        "reject:no_identifier"),
                row("completed order of zero amount",
                        insert("orders", with(order("O1", "COMPLETED"), "net_amount", "0.00")),
                        "reject:invalid_value"),
                row("completed order with an unreadable amount",
                        insert("orders", with(order("O1", "COMPLETED"), "net_amount", "12,50")),
                        "reject:invalid_value"),
                // returns
                row("return recorded", insert("returns", returned("R1", "O1")),
                        "order.returned cdc:returns:R1 " + RETURNED),
                row("return in the snapshot", snapshot("returns", returned("R1", "O1")),
                        "order.returned cdc:returns:R1 " + RETURNED),
                row("return edited",
                        update("returns", returned("R1", "O1"), with(returned("R1", "O1"), "order_id", "O2")),
                        "skip"),
                row("return deleted", delete("returns", returned("R1", "O1")), "skip"),
                // rule sets
                row("rule set published", insert("loyalty_rule_sets", ruleSet("v2", RULES)),
                        "rules.published cdc:loyalty_rule_sets:acme:v2 " + CREATED),
                row("rule set in the snapshot", snapshot("loyalty_rule_sets", ruleSet("v2", RULES)),
                        "rules.published cdc:loyalty_rule_sets:acme:v2 " + CREATED),
                row("rule set body revised",
                        update("loyalty_rule_sets", ruleSet("v2", RULES),
                                with(ruleSet("v2", "{\"version\": \"v2\", \"base_rate\": 2}"), "published_at",
                                        EDITED)),
                        "rules.published cdc:loyalty_rule_sets:acme:v2:" + LSN + " " + EDITED),
                row("rule set effective_from moved",
                        update("loyalty_rule_sets", ruleSet("v2", RULES),
                                with(ruleSet("v2", RULES), "effective_from", Instant.parse("2026-03-01T00:00:00Z"))),
                        "rules.published cdc:loyalty_rule_sets:acme:v2:" + LSN + " " + COMMITTED),
                row("rule set touched without a change",
                        update("loyalty_rule_sets", ruleSet("v2", RULES),
                                with(ruleSet("v2", RULES), "published_at", EDITED)),
                        "skip"),
                row("rule set deleted", delete("loyalty_rule_sets", ruleSet("v2", RULES)), "skip"),
                row("rule set body is not an object", insert("loyalty_rule_sets", ruleSet("v2", "[1, 2]")),
                        "reject:not_an_object"),
                row("rule set body is not JSON", insert("loyalty_rule_sets", ruleSet("v2", "{version")),
                        "reject:invalid_json"),
                // anything else
                row("heartbeat table write",
                        update("debezium_heartbeat", Map.of("id", 1), Map.of("id", 1)), "skip"),
                row("table without a mapping", insert("invoices", customer("42", true)),
                        "reject:unmappable_change"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void mapsEachChangeAsTheReadmeSays(String rule, RowChange change, String expected) {
        assertThat(describe(mapper.map(change))).isEqualTo(expected);
    }

    @Test
    void enrolmentCarriesIdentifiersAndProfile() {
        Event event = emitted(insert("customers", customer("42", true)));

        assertThat(event.source()).isEqualTo("cdc");
        assertThat(event.program()).isEqualTo("acme");
        assertThat(event.identifiers().crmId()).isEqualTo("42");
        assertThat(event.identifiers().email()).isEqualTo("Bob@X.com");
        assertThat(event.identifiers().phone()).isEqualTo("(415) 555-0100");
        assertThat(event.identifiers().card()).isEqualTo("C-1");
        assertThat(event.identifiers().deviceId()).isNull();
        JsonNode payload = event.payload();
        assertThat(payload.get("first_name").asText()).isEqualTo("Bob");
        assertThat(payload.get("last_name").asText()).isEqualTo("Stone");
        assertThat(payload.get("birth_date").asText()).isEqualTo("1990-02-28");
        assertThat(payload.get("country").asText()).isEqualTo("US");
        assertThat(payload.get("consent").toString()).isEqualTo("{\"email\":true,\"sms\":false,\"push\":true}");
        assertThat(payload.get("referred_by").toString()).isEqualTo("{\"crm_id\":\"7\"}");
    }

    @Test
    void completedOrderKeepsTheAmountAsAnExactString() {
        Event event = emitted(insert("orders", order("O1", "COMPLETED")));

        String json = new String(EventJson.toBytes(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"net_amount\":\"120.50\"");
        JsonNode payload = event.payload();
        assertThat(payload.get("order_id").asText()).isEqualTo("O1");
        assertThat(payload.get("currency").asText()).isEqualTo("USD");
        assertThat(payload.get("channel").asText()).isEqualTo("store");
        assertThat(payload.get("categories").toString()).isEqualTo("[\"shoes\",\"socks\"]");
        assertThat(event.identifiers().crmId()).isEqualTo("42");
        assertThat(event.identifiers().email()).isEqualTo("bob@x.com");
        assertThat(event.identifiers().card()).isEqualTo("C-1");
        assertThat(event.identifiers().deviceId()).isEqualTo("d-9");
        assertThat(event.identifiers().phone()).isNull();
    }

    @Test
    void returnLinksItsOrder() {
        Event event = emitted(insert("returns", returned("R1", "O1")));

        assertThat(event.payload().get("return_id").asText()).isEqualTo("R1");
        assertThat(event.payload().get("refund_amount").asText()).isEqualTo("30.00");
        assertThat(event.payload().get("order_id").asText()).isEqualTo("O1");
        assertThat(event.identifiers().crmId()).isEqualTo("42");
    }

    @Test
    void unlinkedReturnHasNoOrderId() {
        Event event = emitted(insert("returns", returned("R2", null)));

        assertThat(event.payload().has("order_id")).isFalse();
    }

    @Test
    void ruleSetBodyIsPublishedWithRowKeysFilledIn() {
        Event event = emitted(insert("loyalty_rule_sets", ruleSet("v3", "{\"base_rate\": 1.5}")));

        JsonNode ruleSet = event.payload().get("rule_set");
        assertThat(ruleSet.get("base_rate").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(ruleSet.get("version").asText()).isEqualTo("v3");
        assertThat(ruleSet.get("program").asText()).isEqualTo("acme");
        assertThat(event.payload().get("effective_from").asText()).isEqualTo(EFFECTIVE.toString());
        assertThat(event.identifiers().isEmpty()).isTrue();
    }

    @Test
    void ruleSetBodyKeepsItsOwnVersion() {
        Event event = emitted(insert("loyalty_rule_sets", ruleSet("v3", "{\"version\": \"2026.1\"}")));

        assertThat(event.payload().get("rule_set").get("version").asText()).isEqualTo("2026.1");
    }

    @Test
    void sameChangeDeliveredTwiceGetsTheSameId() {
        RowChange edit = update("customers", customer("42", true),
                with(customer("42", true), "email", "bob@y.com", "updated_at", EDITED));
        RowChange later = new RowChange("customers", ChangeKind.UPDATE, edit.before(), edit.after(), LSN + 1,
                COMMITTED);

        assertThat(emitted(edit).eventId()).isEqualTo(emitted(edit).eventId());
        assertThat(emitted(later).eventId()).isNotEqualTo(emitted(edit).eventId());
    }

    @Test
    void rejectionNamesTheColumn() {
        MappingResult result = mapper.map(insert("returns", with(returned("R1", "O1"), "returned_at", null)));

        assertThat(result).isEqualTo(new MappingResult.Reject(RejectReason.MISSING_FIELD, "returns.returned_at is empty"));
    }

    private Event emitted(RowChange change) {
        MappingResult result = mapper.map(change);
        assertThat(result).isInstanceOf(MappingResult.Emit.class);
        return ((MappingResult.Emit) result).event();
    }

    private static String describe(MappingResult result) {
        if (result instanceof MappingResult.Emit emit) {
            Event e = emit.event();
            return e.type() + " " + e.eventId() + " " + e.occurredAt();
        }
        if (result instanceof MappingResult.Reject reject) {
            return "reject:" + reject.reason().code();
        }
        return "skip";
    }

    private static Arguments row(String rule, RowChange change, String expected) {
        return Arguments.of(rule, change, expected);
    }
}
