package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.SqlText.literal;

import java.util.List;
import java.util.Map;

/**
 * Trino expressions that find and replace member ids inside texts (a nudge id {@code type:member:key}, a note, a
 * merge's detail). A member id is {@code M-} and an event id, so one may be the start of another ({@code M-e1},
 * {@code M-e10}): only whole ids count, ids delimited by characters an id cannot hold.
 */
final class MemberIdsInText {
    private MemberIdsInText() {
    }

    /** Member ids inside a text (a nudge id {@code type:member:key}, a note) become pseudonyms, whole ids only. */
    static String tokensReplaced(String column, Map<String, String> pseudonymOf) {
        String sql = column;
        for (Map.Entry<String, String> e : pseudonymOf.entrySet()) {
            String pattern = literal("(^|[^A-Za-z0-9_-])" + quoteRe2(e.getKey()) + "($|[^A-Za-z0-9_-])");
            String replacement = literal("$1" + e.getValue() + "$2");
            // Twice: a match consumes the delimiter after it, so an id right after another one needs a second pass.
            sql = "regexp_replace(regexp_replace(" + sql + ", " + pattern + ", " + replacement + "), " + pattern + ", "
                    + replacement + ")";
        }
        return sql;
    }

    static String tokenPattern(List<String> memberIds) {
        return "(^|[^A-Za-z0-9_-])(" + String.join("|", memberIds.stream().map(MemberIdsInText::quoteRe2).toList())
                + ")($|" + "[^A-Za-z0-9_-])";
    }

    private static String quoteRe2(String value) {
        return SqlText.anyOfPattern(List.of(value)).replaceFirst("^\\(\\?i\\)\\(", "").replaceFirst("\\)$", "");
    }

}
