package loyalty.identity.quality;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import loyalty.identity.normalize.IdentifierType;
import loyalty.identity.normalize.NormalizedIdentifiers;

/**
 * Test records written as one line each, separated by {@code ;}: {@code key person member [type:value ...]}, with
 * {@code -} for a null person or member, e.g. {@code a P1 M1 email:e1 phone:h}. Identifier values are taken as
 * already normalised; {@code device:D} sets the device id.
 */
final class Records {
    private Records() {
    }

    static List<ResolvedRecord> resolved(String table) {
        List<ResolvedRecord> out = new ArrayList<>();
        for (String[] f : rows(table)) {
            out.add(new ResolvedRecord(f[0], orNull(f[1]), orNull(f[2])));
        }
        return out;
    }

    static List<IdentifiedRecord> identified(String table) {
        List<IdentifiedRecord> out = new ArrayList<>();
        for (String[] f : rows(table)) {
            Map<IdentifierType, String> strong = new EnumMap<>(IdentifierType.class);
            String device = null;
            for (int i = 3; i < f.length; i++) {
                String[] id = f[i].split(":", 2);
                if (id[0].equals("device")) {
                    device = id[1];
                } else {
                    strong.put(IdentifierType.valueOf(id[0].toUpperCase(Locale.ROOT)), id[1]);
                }
            }
            out.add(new IdentifiedRecord(f[0], orNull(f[1]), new NormalizedIdentifiers(strong, device, List.of())));
        }
        return out;
    }

    private static List<String[]> rows(String table) {
        List<String[]> out = new ArrayList<>();
        for (String row : table.split(";")) {
            if (!row.isBlank()) {
                out.add(row.trim().split("\\s+"));
            }
        }
        return out;
    }

    private static String orNull(String field) {
        return field.equals("-") ? null : field;
    }

    /** {@code "4/6"} as the double the code computes, so exact ratios compare exactly. */
    static double ratio(String fraction) {
        String[] parts = fraction.split("/");
        return parts.length == 1 ? Double.parseDouble(parts[0])
                : (double) Long.parseLong(parts[0].trim()) / Long.parseLong(parts[1].trim());
    }
}
