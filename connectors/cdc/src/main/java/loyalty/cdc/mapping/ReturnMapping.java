package loyalty.cdc.mapping;

import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.OrderReturned;

/** Returns desk: each recorded return is one {@code order.returned}; a return is a fact, later edits are ignored. */
final class ReturnMapping implements TableMapping {
    static final String TABLE = "returns";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public MappingResult map(RowChange change) {
        if (!change.kind().bringsNewRow()) {
            return new MappingResult.Skip("returns " + change.kind() + " is not a loyalty event");
        }
        Row row = change.afterRow();
        OrderReturned payload = new OrderReturned(row.requiredText("return_id"), row.requiredDecimal("refund_amount"),
                row.text("order_id"));
        Identifiers identifiers = new Identifiers(row.text("customer_email"), row.text("customer_phone"),
                row.text("card_number"), row.text("customer_crm_id"), null);
        return new MappingResult.Emit(Event.of(EventIds.orderReturned(payload.returnId()), EventType.ORDER_RETURNED,
                row.requiredText("program"), row.requiredInstant("returned_at"), ChangeMapper.SOURCE, identifiers,
                payload));
    }
}
