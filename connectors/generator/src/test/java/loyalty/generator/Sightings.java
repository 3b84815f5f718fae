package loyalty.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.CustomerRow;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.OrderRow;
import loyalty.generator.operational.ReturnRow;

/** Every set of identifiers the generated output shows, read back from the lines and rows, with the true person. */
final class Sightings {
    /** One record's identifiers as written, keyed email/phone/card/crm_id/device_id. */
    record Seen(String where, String person, Map<String, String> ids) {
        String get(String key) {
            return ids.get(key);
        }
    }

    private Sightings() {
    }

    static List<Seen> of(GeneratedProgram program) {
        List<Seen> out = new ArrayList<>();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() != FeedLine.Kind.VALID) {
                    continue;
                }
                Map<String, String> ids = new LinkedHashMap<>();
                Generated.json(line).path("identifiers").fields()
                        .forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
                out.add(new Seen(source.code() + ":" + line.eventId() + ":" + line.type(), line.personId(), ids));
            }
        }
        for (OperationalChange change : program.operationalChanges()) {
            if (change.after() == null) {
                continue;
            }
            Map<String, String> ids = new LinkedHashMap<>();
            if (change.after() instanceof CustomerRow c) {
                put(ids, "email", c.email());
                put(ids, "phone", c.phone());
                put(ids, "card", c.cardNumber());
                put(ids, "crm_id", c.crmId());
            } else if (change.after() instanceof OrderRow o) {
                put(ids, "email", o.customerEmail());
                put(ids, "phone", o.customerPhone());
                put(ids, "card", o.cardNumber());
                put(ids, "crm_id", o.customerCrmId());
                put(ids, "device_id", o.deviceId());
            } else if (change.after() instanceof ReturnRow r) {
                put(ids, "email", r.customerEmail());
                put(ids, "phone", r.customerPhone());
                put(ids, "card", r.cardNumber());
                put(ids, "crm_id", r.customerCrmId());
            } else {
                continue;
            }
            out.add(new Seen("cdc:" + change.key() + ":" + change.kind(), change.personId(), ids));
        }
        return out;
    }

    private static void put(Map<String, String> ids, String key, String value) {
        if (value != null) {
            ids.put(key, value);
        }
    }

}
