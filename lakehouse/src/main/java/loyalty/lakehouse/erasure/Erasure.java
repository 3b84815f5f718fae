package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.SqlText.list;
import static loyalty.lakehouse.erasure.SqlText.literal;
import static loyalty.lakehouse.erasure.SqlText.mapped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import loyalty.lakehouse.maintenance.SqlEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases one member (GDPR art. 17, CCPA deletion) from the lakehouse through Trino, so that no file of the warehouse
 * holds their personal data afterwards while every total stays what it was:
 * <ol>
 * <li>raw.events: the member's events keep their amounts and times but their identifiers become just
 * {@code crm_id = pseudonym} (a replay still resolves them to one member) and their payloads lose the personal keys;
 * any event mentioning an erased identifier (a referral) loses that value;</li>
 * <li>identity.identity_events: member ids become pseudonyms, erased identifiers leave the lists and texts;</li>
 * <li>every table with a {@code member_id} column (ledger, balances, tiers, redemptions, nudges, ML features and
 * scores, and their copies in replay namespaces): member_id becomes the pseudonym, so sums per member and overall
 * are unchanged;</li>
 * <li>identity.identity_links: the member's links are deleted; identity.members: the profiles are replaced by
 * tombstones (pseudonym, status {@code ERASED}, program, dates, nothing personal) so member counts and cohorts
 * still add up;</li>
 * <li>each changed table is rewritten, all its older snapshots expired and orphan files removed
 * ({@link TableRewriter}); then a row goes to audit.erasures.</li>
 * </ol>
 * The steps are ordered so that a failure part-way can be repaired by running the same request again: the profile
 * and links, by which the member is found, go last, and pseudonyms are deterministic.
 */
public final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    public static final String AUDIT_SCHEMA = "audit";
    public static final String AUDIT_TABLE = "erasures";
    public static final String ERASED_STATUS = "ERASED";
    static final String ERASED_TEXT = "[erased]";
    private static final int EVENTS_PER_STATEMENT = 200;
    private static final String RAW_IDENTIFIERS_TYPE =
            "ROW(email varchar, phone varchar, card varchar, crm_id varchar, device_id varchar)";

    private final SqlEngine sql;
    private final String catalog;
    private final Pseudonyms pseudonyms;
    private final TableRewriter rewriter;
    private final Clock clock;

    /**
     * @param sql             Trino as an admin, in a session made by {@link #sessionProperties}
     * @param catalog         the lakehouse's Trino catalog ({@code iceberg})
     * @param manifests       usually a {@link CatalogManifestRewriter} on the same Iceberg catalog
     * @param orphanRetention files no snapshot references are deleted once older than this; zero leaves nothing
     *                        behind but may delete the files of a streaming write in progress, so stop the
     *                        streaming jobs or give a retention longer than a checkpoint
     */
    public Erasure(SqlEngine sql, String catalog, ManifestRewriter manifests, Pseudonyms pseudonyms,
                   Duration orphanRetention, Clock clock) {
        this.sql = sql;
        this.catalog = catalog;
        this.pseudonyms = pseudonyms;
        this.rewriter = new TableRewriter(sql, manifests, orphanRetention);
        this.clock = clock;
    }

    /**
     * The session properties an erasure needs: the catalog file's minimum retention (one day, against hand-typed
     * mistakes) is lowered for this session only, since an erasure must expire every snapshot that still holds the
     * member. Trino allows it to admins only (rules.json).
     */
    public static String sessionProperties(String catalog, Duration orphanRetention) {
        return catalog + ".expire_snapshots_min_retention:0s;" + catalog + ".remove_orphan_files_min_retention:"
                + orphanRetention.toSeconds() + "s";
    }

    /** A Trino JDBC URL with {@link #sessionProperties} added. */
    public static String jdbcUrl(String jdbcUrl, String catalog, Duration orphanRetention) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "sessionProperties="
                + sessionProperties(catalog, orphanRetention);
    }

    public ErasureReport erase(ErasureRequest request) throws SQLException, UnknownMemberException {
        long started = System.nanoTime();
        ErasureSubject subject = new SubjectResolver(sql, catalog, pseudonyms).resolve(request.subject(),
                request.program());
        String erasureId = UUID.randomUUID().toString();
        Footprint footprint = Footprint.collect(sql, catalog, subject);
        Map<String, Long> rowsChanged = new LinkedHashMap<>();
        eraseRawEvents(subject, footprint, rowsChanged);
        eraseIdentityEvents(subject, footprint, rowsChanged);
        pseudonymiseMemberTables(subject, footprint, rowsChanged);
        eraseLinksAndProfiles(subject, erasureId, rowsChanged);

        List<ErasureReport.TableRewrite> rewrites = new ArrayList<>();
        for (Map.Entry<String, Long> changed : rowsChanged.entrySet()) {
            if (changed.getValue() > 0) {
                rewrites.add(rewriter.rewrite(changed.getKey(), qualified(changed.getKey())));
            }
        }
        long filesRewritten = rewrites.stream().mapToLong(ErasureReport.TableRewrite::filesRewritten).sum();
        long snapshotsExpired = rewrites.stream().mapToLong(ErasureReport.TableRewrite::snapshotsExpired)
                .sum();
        Map<String, Long> changedOnly = new LinkedHashMap<>();
        rowsChanged.forEach((table, rows) -> {
            if (rows > 0) {
                changedOnly.put(table, rows);
            }
        });
        ErasureReport report = new ErasureReport(erasureId, subject.program(), subject.survivorPseudonym(),
                subject.members().size(), changedOnly, rewrites, filesRewritten, snapshotsExpired,
                Duration.ofNanos(System.nanoTime() - started));
        new ErasureAudit(sql, catalog, clock).record(request, report, footprint, subject);
        LOG.info("event=member_erased erasure_id={} program={} pseudonym={} members={} rows={} files_rewritten={}"
                        + " snapshots_expired={} millis={}", erasureId, subject.program(), report.pseudonym(),
                report.membersErased(), changedOnly, filesRewritten, snapshotsExpired, report.took().toMillis());
        return report;
    }

    private void eraseRawEvents(ErasureSubject subject, Footprint footprint, Map<String, Long> rowsChanged)
            throws SQLException {
        String table = qualified("raw.events");
        String program = literal(subject.program());
        Set<String> mentionable = footprint.mentionable();
        PayloadScrubber scrubber = new PayloadScrubber(mentionable);
        Map<String, String> payloads = new LinkedHashMap<>(); // event id → payload as stored
        for (List<String> chunk : chunks(footprint.ownEvents)) {
            for (List<Object> row : sql.rows("SELECT event_id, payload FROM " + table + " WHERE program = "
                    + program + " AND event_id IN " + list(chunk))) {
                payloads.put((String) row.get(0), (String) row.get(1));
            }
        }
        if (!mentionable.isEmpty()) {
            for (List<Object> row : sql.rows("SELECT event_id, payload FROM " + table + " WHERE program = "
                    + program + " AND regexp_like(payload, " + literal(SqlText.anyOfPattern(mentionable))
                    + ")")) {
                payloads.putIfAbsent((String) row.get(0), (String) row.get(1));
            }
        }
        Map<String, String> scrubbed = new LinkedHashMap<>();
        payloads.forEach((id, payload) -> {
            String clean = scrubber.scrub(payload, footprint.ownEvents.contains(id));
            if (!Objects.equals(clean, payload)) {
                scrubbed.put(id, clean);
            }
        });
        Set<String> touched = new LinkedHashSet<>(footprint.ownEvents);
        touched.addAll(scrubbed.keySet());
        long rows = 0;
        for (List<String> chunk : chunks(touched)) {
            List<String> sets = new ArrayList<>();
            List<String> own = chunk.stream().filter(footprint.ownEvents::contains).toList();
            if (!own.isEmpty()) {
                sets.add("identifiers = CASE WHEN event_id IN " + list(own) + " THEN CAST(ROW(NULL, NULL, NULL, "
                        + literal(subject.survivorPseudonym()) + ", NULL) AS " + RAW_IDENTIFIERS_TYPE
                        + ") ELSE identifiers END");
            }
            Map<String, String> newPayloads = new LinkedHashMap<>();
            chunk.stream().filter(scrubbed::containsKey).forEach(id -> newPayloads.put(id, scrubbed.get(id)));
            if (!newPayloads.isEmpty()) {
                sets.add("payload = " + mappedNullable("payload", "event_id", newPayloads));
            }
            rows += updated(sql.rows("UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE program = "
                    + program + " AND event_id IN " + list(chunk)));
        }
        rowsChanged.put("raw.events", rows);
    }

    private void eraseIdentityEvents(ErasureSubject subject, Footprint footprint, Map<String, Long> rowsChanged)
            throws SQLException {
        String members = list(subject.members());
        Map<String, String> pseudonymOf = subject.pseudonyms();
        Optional<String> pattern = footprint.mentionable().isEmpty() ? Optional.empty()
                : Optional.of(literal(SqlText.anyOfPattern(footprint.mentionable())));
        String detail = MemberIdsInText.tokensReplaced("detail", pseudonymOf);
        List<String> sets = new ArrayList<>(List.of(
                "survivor_id = " + mapped("survivor_id", pseudonymOf),
                "loser_id = " + mapped("loser_id", pseudonymOf),
                "assigned_to = " + mapped("assigned_to", pseudonymOf),
                "members = transform(members, m -> " + mapped("m", pseudonymOf) + ")"));
        List<String> where = new ArrayList<>(List.of("survivor_id IN " + members, "loser_id IN " + members,
                "assigned_to IN " + members, "any_match(members, m -> m IN " + members + ")",
                "regexp_like(detail, " + literal(MemberIdsInText.tokenPattern(subject.members())) + ")"));
        Set<String> typed = footprint.typedValues();
        if (!typed.isEmpty()) {
            String erased = "ARRAY[" + String.join(", ", typed.stream().map(SqlText::literal).toList()) + "]";
            sets.add("identifiers = filter(identifiers, i -> NOT contains(" + erased + ", i))");
            where.add("any_match(identifiers, i -> contains(" + erased + ", i))");
        }
        if (pattern.isPresent()) {
            detail = "regexp_replace(" + detail + ", " + pattern.get() + ", " + literal(ERASED_TEXT) + ")";
            where.add("regexp_like(detail, " + pattern.get() + ")");
        }
        sets.add("detail = " + detail);
        rowsChanged.put("identity.identity_events", updated(sql.rows("UPDATE "
                + qualified("identity.identity_events") + " SET " + String.join(", ", sets) + " WHERE program = "
                + literal(subject.program()) + " AND (" + String.join(" OR ", where) + ")")));
    }

    /** Every base table with a member_id column, except the profile and link tables (erased outright). */
    private void pseudonymiseMemberTables(ErasureSubject subject, Footprint footprint,
                                          Map<String, Long> rowsChanged) throws SQLException {
        Map<String, Set<String>> columnsByTable = new TreeMap<>();
        for (List<Object> row : sql.rows("SELECT c.table_schema, c.table_name, c.column_name FROM " + catalog
                + ".information_schema.columns c JOIN " + catalog + ".information_schema.tables t"
                + " ON c.table_schema = t.table_schema AND c.table_name = t.table_name"
                + " WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('information_schema', 'system')"
                + " AND c.column_name IN ('member_id', 'program', 'note', 'nudge_id', 'context')")) {
            columnsByTable.computeIfAbsent(row.get(0) + "." + row.get(1), t -> new HashSet<>())
                    .add((String) row.get(2));
        }
        Map<String, String> pseudonymOf = subject.pseudonyms();
        for (Map.Entry<String, Set<String>> table : columnsByTable.entrySet()) {
            Set<String> columns = table.getValue();
            if (!columns.contains("member_id") || table.getKey().equals("identity.members")
                    || table.getKey().equals("identity.identity_links")) {
                continue;
            }
            List<String> sets = new ArrayList<>(List.of("member_id = " + mapped("member_id", pseudonymOf)));
            for (String text : List.of("note", "nudge_id", "context")) {
                if (columns.contains(text)) {
                    String replaced = MemberIdsInText.tokensReplaced(text, pseudonymOf);
                    if (!footprint.mentionable().isEmpty()) {
                        replaced = "regexp_replace(" + replaced + ", "
                                + literal(SqlText.anyOfPattern(footprint.mentionable())) + ", "
                                + literal(ERASED_TEXT) + ")";
                    }
                    sets.add(text + " = " + replaced);
                }
            }
            String inProgram = columns.contains("program") ? "program = " + literal(subject.program()) + " AND "
                    : "";
            rowsChanged.put(table.getKey(), updated(sql.rows("UPDATE " + qualified(table.getKey()) + " SET "
                    + String.join(", ", sets) + " WHERE " + inProgram + "member_id IN "
                    + list(subject.members()))));
        }
    }

    private void eraseLinksAndProfiles(ErasureSubject subject, String erasureId, Map<String, Long> rowsChanged)
            throws SQLException {
        String program = literal(subject.program());
        String members = list(subject.members());
        String profiles = qualified("identity.members");
        String marker = literal("erasure:" + erasureId);
        Map<String, String> pseudonymOf = subject.pseudonyms();
        long tombstones = updated(sql.rows("INSERT INTO " + profiles + " (program, member_id, status, merged_into,"
                + " merged_at, created_at, created_by_event, enrolled_at, updated_at, updated_by_event)"
                + " SELECT program, " + mapped("member_id", pseudonymOf) + ", " + literal(ERASED_STATUS) + ", "
                + mapped("merged_into", pseudonymOf) + ", merged_at, created_at, " + marker + ", enrolled_at, "
                + timestamp(clock.instant()) + ", " + marker + " FROM " + profiles + " WHERE program = " + program
                + " AND member_id IN " + members + " AND " + mapped("member_id", pseudonymOf)
                + " NOT IN (SELECT member_id FROM " + profiles + " WHERE program = " + program + " AND status = "
                + literal(ERASED_STATUS) + ")"));
        long links = updated(sql.rows("DELETE FROM " + qualified("identity.identity_links") + " WHERE program = "
                + program + " AND member_id IN " + members));
        long deleted = updated(sql.rows("DELETE FROM " + profiles + " WHERE program = " + program
                + " AND member_id IN " + members));
        rowsChanged.put("identity.identity_links", links);
        rowsChanged.put("identity.members", tombstones + deleted);
    }

    /** Like {@link SqlText#mapped} but a new value may be null (the whole payload had to go). */
    private static String mappedNullable(String column, String key, Map<String, String> replacements) {
        StringBuilder out = new StringBuilder("CASE ").append(key);
        replacements.forEach((from, to) -> out.append(" WHEN ").append(literal(from)).append(" THEN ")
                .append(to == null ? "CAST(NULL AS varchar)" : literal(to)));
        return out.append(" ELSE ").append(column).append(" END").toString();
    }

    private static List<List<String>> chunks(Set<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += EVENTS_PER_STATEMENT) {
            chunks.add(all.subList(i, Math.min(all.size(), i + EVENTS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** The update count of an UPDATE, DELETE or INSERT: the last value of its one row. */
    private static long updated(List<List<Object>> rows) {
        List<Object> row = rows.get(0);
        return ((Number) row.get(row.size() - 1)).longValue();
    }

    private static String timestamp(Instant instant) {
        return "from_iso8601_timestamp(" + literal(instant.toString()) + ")";
    }

    private String qualified(String table) {
        int dot = table.indexOf('.');
        return quote(catalog) + "." + quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
