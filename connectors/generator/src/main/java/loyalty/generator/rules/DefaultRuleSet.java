package loyalty.generator.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import loyalty.contract.event.EventJson;

/**
 * The rule sets a program publishes: the SPEC §9 default (every number of the SPEC is a setting in it) and a later
 * revision that adds two campaigns. The default lives in {@value #RESOURCE} so it reads as configuration.
 */
public final class DefaultRuleSet {
    public static final String RESOURCE = "/loyalty/generator/rules/default-rule-set.json";

    private DefaultRuleSet() {
    }

    /** The cashier's shared e-receipt address of a program's stores: used by many people, on the blocklist. */
    public static String storeEmail(String program) {
        return "store@" + program + "-shop.example";
    }

    /** Version 1: the SPEC defaults, for {@code program}, effective from {@code effectiveFrom}. */
    public static ObjectNode first(String program, Instant effectiveFrom) {
        ObjectNode rules = load();
        rules.put("program", program);
        rules.put("version", "1");
        rules.put("effective_from", effectiveFrom.toString());
        ArrayNode emails = (ArrayNode) rules.path("blocklist").path("emails");
        emails.removeAll();
        emails.add("test@test.com").add("noemail@*").add(storeEmail(program));
        return rules;
    }

    /**
     * Version 2: the same rules plus a double-points campaign on app orders with shoes and a flat bonus on web
     * orders with outdoor gear, both with a validity window.
     */
    public static ObjectNode revision(ObjectNode previous, Instant effectiveFrom, Instant campaignsEnd) {
        ObjectNode rules = previous.deepCopy();
        rules.put("version", "2");
        rules.put("effective_from", effectiveFrom.toString());
        ArrayNode campaigns = rules.putArray("campaigns");
        campaigns.addObject()
                .put("id", "app-shoes-double")
                .put("condition", "order.channel == 'app' && 'shoes' in order.categories")
                .put("multiplier", "2")
                .put("valid_from", effectiveFrom.toString())
                .put("valid_to", campaignsEnd.toString());
        campaigns.addObject()
                .put("id", "web-outdoor-bonus")
                .put("condition", "order.channel == 'web' && 'outdoor' in order.categories")
                .put("bonus", 100)
                .put("valid_from", effectiveFrom.toString())
                .put("valid_to", campaignsEnd.toString());
        return rules;
    }

    private static ObjectNode load() {
        try (InputStream in = DefaultRuleSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return (ObjectNode) EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
