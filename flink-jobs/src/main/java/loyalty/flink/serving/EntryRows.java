package loyalty.flink.serving;

import java.io.IOException;
import java.util.List;
import loyalty.contract.event.EventJson;
import loyalty.flink.identity.KeyedJson;
import loyalty.ledger.core.LedgerEntry;

/**
 * {@code serving.ledger_entries} from the ledger job's entries ({@link LedgerEntry} JSON). Entry ids are
 * deterministic (SPEC §1), so a replayed entry meets its own row and is skipped.
 */
public final class EntryRows implements ServingTable<KeyedJson> {
    static final String INSERT = """
            INSERT INTO serving.ledger_entries (program, entry_id, member_id, type, points, lot_id, occurred_at,
                available_at, expires_at, source_event_id, rule_version, campaign_ids, note, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (program, entry_id) DO NOTHING""";

    @Override
    public String name() {
        return "serving.ledger_entries";
    }

    @Override
    public List<String> statements() {
        return List.of(INSERT);
    }

    @Override
    public List<ServingRow> rows(KeyedJson record) throws IOException {
        LedgerEntry e = EventJson.mapper().readValue(record.value(), LedgerEntry.class);
        return List.of(new ServingRow(0, e.program() + "\n" + e.entryId(), e.program(), e.entryId(), e.memberId(),
                e.type().name(), e.points(), e.lotId(), e.occurredAt(), e.availableAt(), e.expiresAt(),
                e.sourceEventId(), e.ruleVersion(), e.campaignIds(), e.note()));
    }
}
