package loyalty.flink.serving;

import java.util.List;
import loyalty.lakehouse.table.Members;
import org.apache.flink.table.data.RowData;

/**
 * {@code serving.members} from the identity job's profile rows ({@link Members}): status and, once merged, the
 * survivor. A merge is final (SPEC §3 keeps the loser as {@code MERGED}), so a replayed older row of a member never
 * turns a merged member back into an active one.
 */
public final class MemberRows implements ServingTable<RowData> {
    static final String UPSERT = """
            INSERT INTO serving.members AS m (program, member_id, status, merged_into, merged_at, updated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (program, member_id) DO UPDATE SET status = EXCLUDED.status,
                merged_into = EXCLUDED.merged_into, merged_at = EXCLUDED.merged_at, updated_at = EXCLUDED.updated_at
            WHERE m.status <> 'MERGED' OR EXCLUDED.status = 'MERGED'""";

    private final RowColumns columns = RowColumns.of(Members.SCHEMA);

    @Override
    public String name() {
        return "serving.members";
    }

    @Override
    public List<String> statements() {
        return List.of(UPSERT);
    }

    @Override
    public List<ServingRow> rows(RowData member) {
        String program = columns.string(member, "program");
        String memberId = columns.string(member, "member_id");
        return List.of(new ServingRow(0, program + "\n" + memberId, program, memberId,
                columns.string(member, "status"), columns.string(member, "merged_into"),
                columns.instant(member, "merged_at")));
    }
}
