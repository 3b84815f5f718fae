package loyalty.cdc.mapping;

import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.OrderCompleted;
import loyalty.contract.validation.RejectReason;

/**
 * Shop orders: one {@code order.completed} when a row reaches status COMPLETED (inserted so, or updated to it).
 * Later edits of a completed order are not re-emitted: the ledger corrects through returns.
 */
final class OrderMapping implements TableMapping {
    static final String TABLE = "orders";
    static final String COMPLETED = "COMPLETED";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public MappingResult map(RowChange change) {
        return switch (change.kind()) {
            case DELETE -> new MappingResult.Skip("order delete is not a loyalty event");
            case SNAPSHOT, INSERT -> isCompleted(change.afterRow())
                    ? completed(change) : new MappingResult.Skip("order not completed");
            case UPDATE -> update(change);
        };
    }

    private MappingResult update(RowChange change) {
        Row before = change.beforeRow();
        if (before == null) {
            return new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE,
                    "orders update without a before-image: set REPLICA IDENTITY FULL on orders");
        }
        if (!isCompleted(change.afterRow())) {
            return new MappingResult.Skip("order not completed");
        }
        return isCompleted(before)
                ? new MappingResult.Skip("edit of an already completed order") : completed(change);
    }

    private static boolean isCompleted(Row row) {
        return COMPLETED.equals(row.upperCode("status"));
    }

    private static MappingResult completed(RowChange change) {
        Row row = change.afterRow();
        OrderCompleted payload = new OrderCompleted(row.requiredText("order_id"), row.requiredDecimal("net_amount"),
                row.upperCode("currency"), row.lowerCode("channel"), row.textList("categories"));
        Identifiers identifiers = new Identifiers(row.text("customer_email"), row.text("customer_phone"),
                row.text("card_number"), row.text("customer_crm_id"), row.text("device_id"));
        return new MappingResult.Emit(Event.of(EventIds.orderCompleted(payload.orderId()),
                EventType.ORDER_COMPLETED, row.requiredText("program"),
                ChangeTime.preferring(change, "completed_at", "updated_at"), ChangeMapper.SOURCE, identifiers,
                payload));
    }
}
