package loyalty.generator.feed;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import loyalty.contract.event.EventJson;
import loyalty.contract.validation.RejectReason;
import loyalty.generator.random.Draw;

/**
 * The faults real feeds carry, each planted on a copy of a real event and each with the one reason code the
 * validator must give it. Every fault changes exactly one thing, so the expected reason is unambiguous.
 */
enum Malformation {
    /** The line was cut off mid-write. */
    TRUNCATED(RejectReason.INVALID_JSON),
    /** A required envelope or payload field is absent. */
    MISSING_FIELD(RejectReason.MISSING_FIELD),
    /** An amount as a JSON number, points as a string, a time as epoch millis. */
    WRONG_TYPE(RejectReason.WRONG_TYPE),
    /** A negative amount, zero points, or a date that does not exist. */
    INVALID_VALUE(RejectReason.INVALID_VALUE),
    /** A type the contract does not know (a typo or a newer source version). */
    UNKNOWN_TYPE(RejectReason.UNKNOWN_TYPE),
    /** No identifiers at all, or only blank ones. */
    NO_IDENTIFIER(RejectReason.NO_IDENTIFIER);

    private final RejectReason reason;

    Malformation(RejectReason reason) {
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    /** The malformed line, and a short name for what was done. */
    Result apply(ObjectNode event, Draw draw) {
        ObjectNode tree = event.deepCopy();
        String type = tree.path("type").asText();
        ObjectNode payload = (ObjectNode) tree.get("payload");
        return switch (this) {
            case TRUNCATED -> {
                byte[] whole = EventJson.toBytes(tree);
                int cut = (int) (whole.length * (0.3 + 0.55 * draw.uniform()));
                yield new Result(Arrays.copyOf(whole, Math.max(1, Math.min(cut, whole.length - 1))), "truncated");
            }
            case MISSING_FIELD -> {
                String field = requiredPayloadField(type, draw);
                if (field == null || draw.chance(0.25)) {
                    String envelopeField = draw.pick("occurred_at", "program", "source");
                    tree.remove(envelopeField);
                    yield new Result(EventJson.toBytes(tree), "missing_" + envelopeField);
                }
                payload.remove(field);
                yield new Result(EventJson.toBytes(tree), "missing_" + field);
            }
            case WRONG_TYPE -> {
                if (type.equals("order.completed") || type.equals("order.returned")) {
                    String field = type.equals("order.completed") ? "net_amount" : "refund_amount";
                    payload.set(field, DecimalNode.valueOf(new BigDecimal(payload.get(field).asText())));
                    yield new Result(EventJson.toBytes(tree), field + "_as_number");
                }
                if (type.equals("redemption.requested")) {
                    payload.put("points", payload.get("points").asText());
                    yield new Result(EventJson.toBytes(tree), "points_as_string");
                }
                tree.put("occurred_at", OffsetDateTime.parse(tree.get("occurred_at").asText()).toInstant().toEpochMilli());
                yield new Result(EventJson.toBytes(tree), "occurred_at_as_epoch_millis");
            }
            case INVALID_VALUE -> {
                if (type.equals("order.completed") || type.equals("order.returned")) {
                    String field = type.equals("order.completed") ? "net_amount" : "refund_amount";
                    payload.put(field, "-" + payload.get(field).asText());
                    yield new Result(EventJson.toBytes(tree), "negative_" + field);
                }
                if (type.equals("redemption.requested")) {
                    // 0 or fewer points is a valid request that the ledger rejects (invalid_amount); past the
                    // contract's bound it is malformed
                    payload.put("points", 1_000_000_000L + 1 + draw.between(0, 1_000_000));
                    yield new Result(EventJson.toBytes(tree), "points_over_maximum");
                }
                String at = tree.get("occurred_at").asText();
                tree.put("occurred_at", at.substring(0, 5) + draw.pick("02-30", "02-31", "04-31", "06-31", "09-31")
                        + at.substring(10));
                yield new Result(EventJson.toBytes(tree), "impossible_date");
            }
            case UNKNOWN_TYPE -> {
                tree.put("type", misspelt(type, draw));
                yield new Result(EventJson.toBytes(tree), "unknown_type");
            }
            case NO_IDENTIFIER -> {
                if (draw.chance(0.5)) {
                    tree.remove("identifiers");
                    yield new Result(EventJson.toBytes(tree), "identifiers_missing");
                }
                tree.putObject("identifiers").put("email", draw.pick("", " "));
                yield new Result(EventJson.toBytes(tree), "identifiers_blank");
            }
        };
    }

    private static String requiredPayloadField(String type, Draw draw) {
        return switch (type) {
            case "order.completed" -> draw.pick("order_id", "net_amount", "currency");
            case "order.returned" -> draw.pick("return_id", "refund_amount");
            case "engagement.recorded" -> "kind";
            case "redemption.requested" -> draw.pick("redemption_id", "points");
            case "redemption.cancelled" -> "redemption_id";
            default -> null;
        };
    }

    private static String misspelt(String type, Draw draw) {
        return switch (type) {
            case "order.completed" -> draw.pick("order.complete", "orders.completed", "ORDER_COMPLETED", "sale.completed");
            case "order.returned" -> draw.pick("order.refunded", "order.return", "return.created");
            case "engagement.recorded" -> draw.pick("engagement.recorded.v2", "review.posted", "engagement");
            case "redemption.requested" -> draw.pick("redemption.request", "reward.redeemed");
            default -> type + ".v2";
        };
    }

    record Result(byte[] bytes, String fault) {
    }
}
