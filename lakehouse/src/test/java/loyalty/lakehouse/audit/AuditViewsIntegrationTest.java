package loyalty.lakehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import loyalty.lakehouse.TrinoTestStack;
import loyalty.lakehouse.kpi.KpiView;
import loyalty.lakehouse.kpi.KpiViews;
import loyalty.stack.trino.TrinoServer;
import loyalty.stack.trino.TrinoSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit views on a real Trino 476 over the Iceberg JDBC catalog, against a small fixed history written here as
 * an admin: two merges (one whose triggering event is gone from raw.events), a conflict, three manual adjustments
 * (one booked as two entries, one whose event is gone), redemption outcomes of every kind, three rule set
 * publications and one erasure. Expected rows are written out by hand from those rows.
 */
class AuditViewsIntegrationTest {
    private static final String T = " 00:00:00.000000 UTC";

    @TempDir
    static Path work;

    private static TrinoTestStack stack;
    private static TrinoSql sql;
    private static KpiViews.Installed installed;

    @BeforeAll
    static void startStackAndInstall() throws Exception {
        Assumptions.assumeTrue(TrinoServer.findJava().isPresent(), "no Java 24+ JDK for Trino on this machine");
        stack = TrinoTestStack.start(work);
        sql = stack.as("loyalty");
        write();
        long start = System.nanoTime();
        installed = AuditViews.install(stack.trino().jdbcUrl(), "loyalty");
        System.out.println("audit_install_millis=" + (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void write() throws SQLException {
        sql.query("""
                INSERT INTO iceberg.raw.events (event_id, type, program, occurred_at, source, payload, ingested_at)
                VALUES ('crm-7', 'member.profile_updated', 'acme', TIMESTAMP '2026-02-01 10:00:00 UTC', 'crm',
                        '{}', TIMESTAMP '2026-02-01 10:00:01 UTC'),
                       ('pos-9', 'order.completed', 'acme', TIMESTAMP '2026-02-02 11:00:00 UTC', 'pos',
                        '{"order_id":"O9"}', TIMESTAMP '2026-02-02 11:00:01 UTC'),
                       ('adj-1', 'points.adjusted', 'acme', TIMESTAMP '2026-03-01 09:00:00 UTC', 'backoffice',
                        '{"points":50,"reason":"goodwill after late delivery","operator":"jane"}',
                        TIMESTAMP '2026-03-01 09:00:01 UTC'),
                       ('adj-2', 'points.adjusted', 'acme', TIMESTAMP '2026-03-02 09:00:00 UTC', 'backoffice',
                        '{"points":-80,"reason":"fraud","operator":"omar"}', TIMESTAMP '2026-03-02 09:00:01 UTC'),
                       ('red-1', 'redemption.requested', 'acme', TIMESTAMP '2026-04-01 08:00:00 UTC', 'app',
                        '{"redemption_id":"R1","points":100,"reward_id":"W-1"}', TIMESTAMP '2026-04-01 08:00:01 UTC'),
                       ('red-2', 'redemption.requested', 'acme', TIMESTAMP '2026-04-02 08:00:00 UTC', 'web',
                        '{"redemption_id":"R2","points":9000}', TIMESTAMP '2026-04-02 08:00:01 UTC'),
                       ('can-1', 'redemption.cancelled', 'acme', TIMESTAMP '2026-04-03 08:00:00 UTC', 'crm',
                        '{"redemption_id":"R1"}', TIMESTAMP '2026-04-03 08:00:01 UTC')""");
        sql.query("""
                INSERT INTO iceberg.identity.identity_events (program, record_id, kind, event_id, occurred_at,
                        survivor_id, loser_id, members, assigned_to, reason, detail, welcome_clawback)
                VALUES ('acme', 'MRG-1', 'identity.merged', 'crm-7', TIMESTAMP '2026-02-01 10:00:00 UTC',
                        'M-a', 'M-b', ARRAY['M-a', 'M-b'], NULL, 'shared_identifier', 'email', true),
                       ('acme', 'MRG-2', 'identity.merged', 'gone-1', TIMESTAMP '2026-02-05 10:00:00 UTC',
                        'M-a', 'M-d', ARRAY['M-a', 'M-d'], NULL, 'shared_identifier', 'card', false),
                       ('acme', 'late:adj-1', 'identity.late', 'adj-1', TIMESTAMP '2026-03-01 09:00:00 UTC',
                        NULL, NULL, NULL, 'M-a', 'late', 'points.adjusted dated 2026-03-01T09:00:00Z, resolution had'
                        || ' reached 2026-03-09T00:00:00Z', NULL),
                       ('acme', 'CNF-1', 'identity.conflict', 'pos-9', TIMESTAMP '2026-02-02 11:00:00 UTC',
                        NULL, NULL, ARRAY['M-a', 'M-c'], 'M-c', 'ambiguous', 'card and phone name two members',
                        NULL)""");
        sql.query("""
                INSERT INTO iceberg.ledger.points_ledger (entry_id, program, member_id, type, points, occurred_at,
                        source_event_id, note)
                VALUES ('pos-9:EARN', 'acme', 'M-c', 'EARN', 40, TIMESTAMP '2026-02-02 11:00:00 UTC', 'pos-9', NULL),
                       ('adj-1:ADJUST', 'acme', 'M-a', 'ADJUST', 50, TIMESTAMP '2026-03-01 09:00:00 UTC', 'adj-1',
                        'goodwill after late delivery by jane'),
                       ('adj-2:ADJUST', 'acme', 'M-a', 'ADJUST', -50, TIMESTAMP '2026-03-02 09:00:00 UTC', 'adj-2',
                        'fraud by omar'),
                       ('adj-2:ADJUST:debt', 'acme', 'M-a', 'ADJUST', -30, TIMESTAMP '2026-03-02 09:00:00 UTC',
                        'adj-2', 'fraud by omar'),
                       ('adj-3:ADJUST', 'acme', 'M-c', 'ADJUST', 25, TIMESTAMP '2026-03-03 09:00:00 UTC', 'adj-3',
                        'wrong tier by sam')""");
        sql.query("""
                INSERT INTO iceberg.ledger.redemption_outcomes (redemption_id, program, member_id, status, reason,
                        points, available_before, event_id, decided_at, repeat_of)
                VALUES ('R1', 'acme', 'M-a', 'APPROVED', NULL, 100, 120, 'red-1',
                        TIMESTAMP '2026-04-01 08:00:00 UTC', NULL),
                       ('R2', 'acme', 'M-c', 'REJECTED', 'insufficient_points', 9000, 65, 'red-2',
                        TIMESTAMP '2026-04-02 08:00:00 UTC', NULL),
                       ('R1', 'acme', 'M-a', 'CANCELLED', NULL, 100, NULL, 'can-1',
                        TIMESTAMP '2026-04-03 08:00:00 UTC', NULL)""");
        sql.query("""
                INSERT INTO iceberg.audit.rule_set_publications (program, version, effective_from, published_at,
                        published_by, event_id, status, errors, previous_version, diff)
                VALUES ('acme', '1', TIMESTAMP '2026-01-01 00:00:00 UTC', TIMESTAMP '2025-12-20 00:00:00 UTC',
                        'admin-ui', 'rules-1', 'ACCEPTED', NULL, NULL,
                        '[{"op":"add","path":"/version","value":"1"},{"op":"add","path":"/base_rate","value":1}]'),
                       ('acme', '2', TIMESTAMP '2026-05-01 00:00:00 UTC', TIMESTAMP '2026-04-20 00:00:00 UTC',
                        'jane', 'rules-2', 'ACCEPTED', NULL, '1',
                        '[{"op":"replace","path":"/version","value":"2"},'
                        || '{"op":"replace","path":"/base_rate","value":2},'
                        || '{"op":"replace","path":"/effective_from","value":"2026-05-01T00:00:00Z"}]'),
                       ('acme', NULL, NULL, TIMESTAMP '2026-04-21 00:00:00 UTC', 'admin-ui', 'rules-3', 'REJECTED',
                        ARRAY['$: required property ''version'' not found'], NULL, NULL)""");
        sql.query("""
                INSERT INTO iceberg.audit.erasures (erasure_id, program, pseudonym, requested_by, reason,
                        requested_at, completed_at, members_erased, files_rewritten, snapshots_expired)
                VALUES ('ER-1', 'acme', 'p-3f2a', 'dpo@acme', 'art. 17 request',
                        TIMESTAMP '2026-05-01 00:00:00 UTC', TIMESTAMP '2026-05-02 00:00:00 UTC', 2, 7, 3)""");
    }

    @Test
    void everyAuditViewIsInstalledInSchemaAudit() {
        assertThat(installed.skipped()).isEmpty();
        assertThat(installed.views()).containsExactlyElementsOf(
                AuditViews.definitions().stream().map(KpiView::name).toList())
                .containsExactly("merges", "conflicts", "adjustments", "redemptions", "rule_sets", "erasures_log",
                        "late_arrivals");
    }

    @Test
    void mergesSayWhoTriggeredThemWhenAndWhy() throws SQLException {
        assertThat(rows("""
                SELECT merge_id, CAST(merged_at AS varchar), triggered_by_source, triggered_by_type,
                       triggered_by_event, reason, detail, survivor_id, loser_id, welcome_clawback
                FROM iceberg.audit.merges ORDER BY merge_id""")).containsExactly(
                List.of("MRG-1", "2026-02-01 10:00:00.000000 UTC", "crm", "member.profile_updated", "crm-7",
                        "shared_identifier", "email", "M-a", "M-b", true),
                // its event is no longer in raw.events: the merge stays, its source is unknown
                Arrays.asList("MRG-2", "2026-02-05 10:00:00.000000 UTC", null, null, "gone-1",
                        "shared_identifier", "card", "M-a", "M-d", false));
    }

    @Test
    void lateArrivalsSayWhatCameLateFromWhereAndWhereTheClockStood() throws SQLException {
        assertThat(rows("""
                SELECT event_id, CAST(occurred_at AS varchar), source, type, assigned_to, detail
                FROM iceberg.audit.late_arrivals""")).containsExactly(
                List.of("adj-1", "2026-03-01 09:00:00.000000 UTC", "backoffice", "points.adjusted", "M-a",
                        "points.adjusted dated 2026-03-01T09:00:00Z, resolution had reached 2026-03-09T00:00:00Z"));
    }

    @Test
    void conflictsNameTheMembersAndWhereTheEventWent() throws SQLException {
        assertThat(rows("""
                SELECT conflict_id, triggered_by_source, reason, detail, members, assigned_to
                FROM iceberg.audit.conflicts""")).containsExactly(
                List.of("CNF-1", "pos", "ambiguous", "card and phone name two members", List.of("M-a", "M-c"),
                        "M-c"));
    }

    @Test
    void adjustmentsGroupTheirEntriesAndNameTheOperator() throws SQLException {
        assertThat(rows("""
                SELECT event_id, member_id, CAST(adjusted_at AS varchar), operator, reason, source, points_requested,
                       points, entry_ids
                FROM iceberg.audit.adjustments ORDER BY event_id""")).containsExactly(
                List.of("adj-1", "M-a", "2026-03-01 09:00:00.000000 UTC", "jane", "goodwill after late delivery",
                        "backoffice", 50L, 50L, List.of("adj-1:ADJUST")),
                // -80 asked, booked as -50 from the lots and -30 of debt: one row, both entries
                List.of("adj-2", "M-a", "2026-03-02 09:00:00.000000 UTC", "omar", "fraud", "backoffice", -80L, -80L,
                        List.of("adj-2:ADJUST", "adj-2:ADJUST:debt")),
                // no raw event left: operator and reason read back from the entry's note
                Arrays.asList("adj-3", "M-c", "2026-03-03 09:00:00.000000 UTC", "sam", "wrong tier", null, null,
                        25L, List.of("adj-3:ADJUST")));
    }

    @Test
    void redemptionsSayWhichChannelAskedAndHowTheLedgerDecided() throws SQLException {
        assertThat(rows("""
                SELECT redemption_id, member_id, requested_by, event_type, CAST(requested_at AS varchar),
                       CAST(decided_at AS varchar), status, reason, points, available_before, reward_id
                FROM iceberg.audit.redemptions ORDER BY decided_at""")).containsExactly(
                Arrays.asList("R1", "M-a", "app", "redemption.requested", "2026-04-01 08:00:00.000000 UTC",
                        "2026-04-01 08:00:00.000000 UTC", "APPROVED", null, 100L, 120L, "W-1"),
                Arrays.asList("R2", "M-c", "web", "redemption.requested", "2026-04-02 08:00:00.000000 UTC",
                        "2026-04-02 08:00:00.000000 UTC", "REJECTED", "insufficient_points", 9000L, 65L, null),
                Arrays.asList("R1", "M-a", "crm", "redemption.cancelled", "2026-04-03 08:00:00.000000 UTC",
                        "2026-04-03 08:00:00.000000 UTC", "CANCELLED", null, 100L, null, null));
    }

    @Test
    void ruleSetsShowWhoPublishedWhatChangedAndWhyOneWasRejected() throws SQLException {
        assertThat(rows("""
                SELECT event_id, version, status, published_by, previous_version, changes, errors
                FROM iceberg.audit.rule_sets ORDER BY published_at""")).containsExactly(
                Arrays.asList("rules-1", "1", "ACCEPTED", "admin-ui", null, 2L, null),
                Arrays.asList("rules-2", "2", "ACCEPTED", "jane", "1", 3L, null),
                Arrays.asList("rules-3", null, "REJECTED", "admin-ui", null, null,
                        List.of("$: required property 'version' not found")));
        assertThat(rows("""
                SELECT json_extract_scalar(diff, '$[1].op'), json_extract_scalar(diff, '$[1].path'),
                       json_extract_scalar(diff, '$[1].value')
                FROM iceberg.audit.rule_sets WHERE version = '2'"""))
                .containsExactly(List.of("replace", "/base_rate", "2"));
    }

    @Test
    void theErasuresLogNamesTheMemberByPseudonymOnly() throws SQLException {
        assertThat(rows("""
                SELECT erasure_id, pseudonym, requested_by, CAST(requested_at AS varchar),
                       CAST(completed_at AS varchar), reason, members_erased
                FROM iceberg.audit.erasures_log""")).containsExactly(
                List.of("ER-1", "p-3f2a", "dpo@acme", "2026-05-01" + T, "2026-05-02" + T, "art. 17 request", 2));
    }

    private static List<List<Object>> rows(String query) throws SQLException {
        return sql.query(query).rows();
    }
}
