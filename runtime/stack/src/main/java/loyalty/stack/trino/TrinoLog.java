package loyalty.stack.trino;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The part of Trino's server log worth putting in an error message: the first ERROR and its cause lines. */
final class TrinoLog {
    private static final int MAX_LINES = 6;
    private static final int MAX_LINE_LENGTH = 300;

    private TrinoLog() {
    }

    static String tail(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "(no log)";
        }
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\tERROR\t")) {
                from = i;
                break;
            }
        }
        List<String> picked = new ArrayList<>();
        if (from >= 0) {
            // Stack frames say where, not why; keep the message and the "Caused by"/numbered Guice errors.
            for (int i = from; i < lines.size() && picked.size() < MAX_LINES; i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("at ") && !line.startsWith("...")) {
                    picked.add(shorten(line));
                }
            }
        } else {
            for (int i = Math.max(0, lines.size() - MAX_LINES); i < lines.size(); i++) {
                picked.add(shorten(lines.get(i).strip()));
            }
        }
        return String.join(" | ", picked);
    }

    private static String shorten(String line) {
        return line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + "…";
    }
}
