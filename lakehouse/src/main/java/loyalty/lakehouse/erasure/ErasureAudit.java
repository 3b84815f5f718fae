package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.SqlText.literal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import loyalty.lakehouse.maintenance.SqlEngine;

/**
 * Writes an erasure's row to audit.erasures ({@code loyalty.lakehouse.table.Erasures}): proof of what was done that
 * names the member by pseudonym only.
 */
final class ErasureAudit {
    private final SqlEngine sql;
    private final String catalog;
    private final Clock clock;

    ErasureAudit(SqlEngine sql, String catalog, Clock clock) {
        this.sql = sql;
        this.catalog = catalog;
        this.clock = clock;
    }

    void record(ErasureRequest request, ErasureReport report, Footprint footprint, ErasureSubject subject)
            throws SQLException {
        String table = quote(catalog) + "." + quote(Erasure.AUDIT_SCHEMA) + "." + quote(Erasure.AUDIT_TABLE);
        sql.rows("CREATE SCHEMA IF NOT EXISTS " + quote(catalog) + "." + quote(Erasure.AUDIT_SCHEMA));
        // Same columns, order and field ids as loyalty.lakehouse.table.Erasures, for a stack created before it.
        sql.rows("CREATE TABLE IF NOT EXISTS " + table + " (erasure_id varchar NOT NULL, program varchar NOT NULL,"
                + " pseudonym varchar NOT NULL, requested_by varchar NOT NULL, reason varchar,"
                + " requested_at timestamp(6) with time zone NOT NULL, completed_at timestamp(6) with time zone NOT NULL,"
                + " members_erased integer NOT NULL, rows_changed map(varchar, bigint),"
                + " files_rewritten bigint NOT NULL, snapshots_expired bigint NOT NULL)"
                + " WITH (format = 'PARQUET', format_version = 2)");
        Set<String> secrets = new LinkedHashSet<>(footprint.erasedValues);
        secrets.addAll(subject.members());
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        report.rowsChanged().forEach((t, n) -> {
            keys.add(literal(t));
            values.add("BIGINT '" + n + "'");
        });
        String rowsChanged = keys.isEmpty() ? "NULL" : "MAP(ARRAY[" + String.join(", ", keys) + "], ARRAY["
                + String.join(", ", values) + "])";
        sql.rows("INSERT INTO " + table + " VALUES (" + literal(report.erasureId()) + ", "
                + literal(report.program()) + ", " + literal(report.pseudonym()) + ", "
                + literal(withoutSecrets(request.requestedBy(), secrets)) + ", "
                + literal(withoutSecrets(request.reason(), secrets)) + ", " + timestamp(request.requestedAt()) + ", "
                + timestamp(clock.instant()) + ", " + report.membersErased() + ", " + rowsChanged + ", "
                + report.filesRewritten() + ", " + report.snapshotsExpired() + ")");
    }

    /** Operators paste tickets into the reason; an identifier in it would undo the erasure. */
    static String withoutSecrets(String text, Set<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE).matcher(out)
                    .replaceAll(Matcher.quoteReplacement(Erasure.ERASED_TEXT));
        }
        return out;
    }

    private static String timestamp(Instant instant) {
        return "from_iso8601_timestamp(" + literal(instant.toString()) + ")";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
