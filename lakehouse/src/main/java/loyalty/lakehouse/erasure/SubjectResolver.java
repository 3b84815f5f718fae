package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.SqlText.list;
import static loyalty.lakehouse.erasure.SqlText.literal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import loyalty.lakehouse.maintenance.SqlEngine;

/**
 * Finds whom a request means: a member id as such, else an identifier through the links (the value as typed, and
 * lower-cased, since links hold normalised values). A merged profile leads to its survivor, and the survivor brings
 * every profile merged into it: the person is erased, not one of their profiles.
 */
final class SubjectResolver {
    private static final int MAX_MERGE_DEPTH = 32;

    private final SqlEngine sql;
    private final String catalog;
    private final Pseudonyms pseudonyms;

    SubjectResolver(SqlEngine sql, String catalog, Pseudonyms pseudonyms) {
        this.sql = sql;
        this.catalog = catalog;
        this.pseudonyms = pseudonyms;
    }

    ErasureSubject resolve(String subject, Optional<String> program) throws SQLException, UnknownMemberException {
        String inProgram = program.map(p -> " AND program = " + literal(p)).orElse("");
        Set<List<String>> found = new LinkedHashSet<>(); // (program, member_id)
        for (List<Object> row : sql.rows("SELECT program, member_id FROM " + catalog + ".identity.members"
                + " WHERE member_id = " + literal(subject) + inProgram)) {
            found.add(List.of((String) row.get(0), (String) row.get(1)));
        }
        if (found.isEmpty()) {
            for (List<Object> row : sql.rows("SELECT DISTINCT program, member_id FROM " + catalog
                    + ".identity.identity_links WHERE identifier_value IN "
                    + list(new LinkedHashSet<>(List.of(subject, subject.toLowerCase(Locale.ROOT)))) + inProgram)) {
                found.add(List.of((String) row.get(0), (String) row.get(1)));
            }
        }
        if (found.isEmpty()) {
            throw new UnknownMemberException("No member has the id or identifier '" + subject + "'"
                    + program.map(p -> " in program " + p).orElse("") + ".");
        }
        Set<List<String>> survivors = new LinkedHashSet<>();
        for (List<String> member : found) {
            survivors.add(List.of(member.get(0), survivorOf(member.get(0), member.get(1))));
        }
        if (survivors.size() > 1) {
            Set<String> programs = new TreeSet<>();
            survivors.forEach(s -> programs.add(s.get(0)));
            throw new UnknownMemberException("'" + subject + "' belongs to " + survivors.size() + " members"
                    + (programs.size() > 1 ? " in programs " + programs + "; name the program."
                    : " (history links of several people); erase by member id instead."));
        }
        List<String> survivor = survivors.iterator().next();
        String inThatProgram = survivor.get(0);
        List<String> members = withMergedProfiles(inThatProgram, survivor.get(1));
        Map<String, String> pseudonymOf = new LinkedHashMap<>();
        for (String member : members) {
            pseudonymOf.put(member, pseudonyms.of(inThatProgram, member));
        }
        return new ErasureSubject(inThatProgram, members, pseudonymOf);
    }

    /** Follows merged_into to the profile that absorbed this one (itself when never merged or not profiled). */
    private String survivorOf(String program, String member) throws SQLException {
        String current = member;
        for (int depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
            List<List<Object>> rows = sql.rows("SELECT merged_into FROM " + catalog + ".identity.members WHERE program = "
                    + literal(program) + " AND member_id = " + literal(current) + " AND merged_into IS NOT NULL");
            if (rows.isEmpty()) {
                return current;
            }
            current = (String) rows.get(0).get(0);
        }
        throw new SQLException("merge chain of " + member + " is longer than " + MAX_MERGE_DEPTH);
    }

    private List<String> withMergedProfiles(String program, String survivor) throws SQLException {
        List<String> members = new ArrayList<>(List.of(survivor));
        List<String> frontier = List.of(survivor);
        for (int depth = 0; depth < MAX_MERGE_DEPTH && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (List<Object> row : sql.rows("SELECT member_id FROM " + catalog + ".identity.members WHERE program = "
                    + literal(program) + " AND merged_into IN " + list(frontier) + " ORDER BY member_id")) {
                String merged = (String) row.get(0);
                if (!members.contains(merged)) {
                    members.add(merged);
                    next.add(merged);
                }
            }
            frontier = next;
        }
        return members;
    }
}
