package loyalty.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import loyalty.cdc.mapping.ChangeMapper;
import loyalty.cdc.mapping.EventIds;
import loyalty.cli.console.Progress;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.RulesPublished;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.Validation;
import loyalty.generator.GeneratedProgram;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.RuleSetPublication;
import me.tongfei.progressbar.ProgressBar;

/**
 * Puts a generated program on the input topics before any measured job starts: its rule sets, as CDC of
 * {@code loyalty_rule_sets} would publish them (resolution needs the blocklist of version 1, published the day
 * before the first event), then every line of the three feed files through the validating publisher, as
 * {@code loyalty ingest} does. The operational rows (CDC) are left out: they need Debezium and the ingest bench
 * covers them.
 */
final class IdentityBacklog {
    static final List<FeedSource> FEEDS = List.of(FeedSource.POS, FeedSource.WEB, FeedSource.APP);

    private IdentityBacklog() {
    }

    /**
     * @param distinctEvents ids of every accepted record, each once: what resolution has to settle
     * @param records        records sent to the input topics, redeliveries included
     */
    record Published(long feedLines, int ruleSets, long records, long rejectedLines, Set<String> distinctEvents) {
    }

    static Published publish(String bootstrapServers, GeneratedProgram program) {
        return publish(bootstrapServers, program, true);
    }

    /** The feed lines only, for a run in which CDC of loyalty_rule_sets publishes the rule sets. */
    static Published publishFeeds(String bootstrapServers, GeneratedProgram program) {
        return publish(bootstrapServers, program, false);
    }

    private static Published publish(String bootstrapServers, GeneratedProgram program, boolean withRuleSets) {
        Set<String> distinct = new LinkedHashSet<>();
        long records = 0;
        long rejected = 0;
        long lines = 0;
        int ruleSets = 0;
        try (EventPublisher publisher = EventPublisher.connect(bootstrapServers, "bench-identity")) {
            for (ProgramPlan plan : withRuleSets ? program.plans() : List.<ProgramPlan>of()) {
                for (RuleSetPublication rules : plan.ruleSets()) {
                    Event event = rulesPublished(rules);
                    if (!(publisher.publish(event, ChangeMapper.SOURCE, event.eventId())
                            instanceof Validation.Accepted)) {
                        throw new IllegalStateException("the validator refused rule set " + event.eventId());
                    }
                    distinct.add(event.eventId());
                    records++;
                    ruleSets++;
                }
            }
            for (FeedSource source : FEEDS) {
                List<FeedLine> feed = program.feed(source);
                try (ProgressBar bar = Progress.bar("publish " + source.fileName(), feed.size(), null, 1)) {
                    for (FeedLine line : feed) {
                        Validation v = publisher.publish(line.text().getBytes(StandardCharsets.UTF_8),
                                "file:" + source.fileName(), "line:" + line.lineNumber());
                        if (v instanceof Validation.Accepted accepted) {
                            distinct.add(accepted.event().eventId());
                            records++;
                        } else {
                            rejected++;
                        }
                        lines++;
                        bar.step();
                    }
                }
            }
            publisher.flush();
        }
        return new Published(lines, ruleSets, records, rejected, Set.copyOf(distinct));
    }

    /** The event CDC makes of a new loyalty_rule_sets row (see RuleSetMapping): same id, time and payload. */
    private static Event rulesPublished(RuleSetPublication rules) {
        ObjectNode ruleSet = rules.body().deepCopy();
        ruleSet.put("program", rules.program());
        ruleSet.put("version", rules.version());
        if (!ruleSet.hasNonNull("effective_from")) {
            ruleSet.put("effective_from", rules.effectiveFrom().toString());
        }
        return Event.of(EventIds.rulesPublished(rules.program(), rules.version()), EventType.RULES_PUBLISHED,
                rules.program(), rules.publishedAt(), ChangeMapper.SOURCE, null,
                new RulesPublished(ruleSet, rules.effectiveFrom()));
    }
}
