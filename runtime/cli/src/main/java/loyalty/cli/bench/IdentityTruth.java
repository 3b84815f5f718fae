package loyalty.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.flink.identity.ResolutionQuality;
import loyalty.flink.identity.ResolvedLog;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.plan.ProgramPlan;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.quality.IdentityQuality;

/**
 * Resolution quality against what the generator knows and the pipeline never reads: the true person behind each
 * valid feed event. The blocklist and default region are those of the rule set the job resolved with (version 1,
 * the program's first), so that an identifier the rules refuse is not counted as one they should have linked.
 */
final class IdentityTruth {
    private static final String FALLBACK_REGION = "US";

    private IdentityTruth() {
    }

    static IdentityQuality measure(GeneratedProgram program, ResolvedLog log) {
        ObjectNode rules = firstRuleSet(program);
        BlocklistConfig blocklist;
        try {
            blocklist = EventJson.mapper().treeToValue(rules.get("blocklist"), BlocklistConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the generated rule set has no readable blocklist: " + e.getMessage(), e);
        }
        return ResolutionQuality.measure(truth(program), log, Blocklist.of(blocklist),
                rules.path("default_region").asText(FALLBACK_REGION));
    }

    private static List<ResolutionQuality.PersonEvent> truth(GeneratedProgram program) {
        List<ResolutionQuality.PersonEvent> truth = new ArrayList<>();
        for (FeedSource source : IdentityBacklog.FEEDS) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() != FeedLine.Kind.VALID) {
                    continue; // a redelivery is the same event again; a malformed line never reached resolution
                }
                Event e;
                try {
                    e = EventJson.mapper().readValue(line.bytes(), Event.class);
                } catch (IOException ex) {
                    throw new IllegalStateException("valid line " + line.lineNumber() + " of " + source.fileName()
                            + " does not parse: " + ex.getMessage(), ex);
                }
                truth.add(new ResolutionQuality.PersonEvent(e.eventId(), line.personId(), e.identifiers(),
                        e.payload().path("country").asText(null)));
            }
        }
        return truth;
    }

    private static ObjectNode firstRuleSet(GeneratedProgram program) {
        String name = program.config().program();
        return program.plans().stream()
                .filter(p -> p.program().equals(name))
                .map(ProgramPlan::ruleSets)
                .filter(r -> !r.isEmpty())
                .map(r -> r.get(0).body())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated program " + name + " has no rule set"));
    }
}
