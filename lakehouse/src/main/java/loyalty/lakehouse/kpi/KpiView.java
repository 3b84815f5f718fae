package loyalty.lakehouse.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * One KPI view as its versioned SQL file defines it: file {@code NN_name.sql} gives view {@code iceberg.kpi.name}.
 * The file starts with a comment block saying in words what the view computes; its first paragraph becomes the
 * view's comment. Lines {@code -- requires: catalog.schema.table} name tables that may be missing in a deployment
 * (the view is then skipped, not created broken). The rest is the query.
 *
 * @param name          the view name in schema {@code kpi}
 * @param file          the resource file name, e.g. {@code 03_active_member_rate.sql}
 * @param description   the comment block's first paragraph, on one line
 * @param requiredTables fully qualified tables that must exist for the view to be created
 * @param query         the file's whole text (comments kept, so SHOW CREATE VIEW still explains the view)
 */
public record KpiView(String name, String file, String description, List<String> requiredTables, String query) {
    private static final String REQUIRES = "-- requires:";

    public KpiView {
        requiredTables = List.copyOf(requiredTables);
    }

    static KpiView parse(String file, String text) {
        if (!file.matches("\\d\\d_[a-z][a-z0-9_]*\\.sql")) {
            throw new IllegalArgumentException("view file " + file + " is not named NN_view_name.sql");
        }
        String name = file.substring(3, file.length() - ".sql".length());
        List<String> required = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        boolean inFirstParagraph = true;
        for (String line : text.lines().toList()) {
            if (!line.startsWith("--")) {
                break;
            }
            if (line.startsWith(REQUIRES)) {
                required.add(line.substring(REQUIRES.length()).strip());
                continue;
            }
            String words = line.substring(2).strip();
            if (words.isEmpty()) {
                inFirstParagraph = description.isEmpty();
                continue;
            }
            if (inFirstParagraph) {
                description.append(description.isEmpty() ? "" : " ").append(words);
            }
        }
        if (description.isEmpty()) {
            throw new IllegalArgumentException("view file " + file + " does not start with a comment defining it");
        }
        return new KpiView(name, file, description.toString(), required, text.strip());
    }

    /** The statement that (re)creates the view; running it again replaces the view with the same definition. */
    public String createOrReplace(String schema) {
        return "CREATE OR REPLACE VIEW " + schema + "." + name + " COMMENT '" + description.replace("'", "''")
                + "' AS\n" + query;
    }
}
