package loyalty.generator.truth;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import loyalty.contract.event.EventType;
import loyalty.contract.validation.RejectReason;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.Row;
import loyalty.generator.people.Person;
import loyalty.generator.people.Population;
import loyalty.generator.plan.Account;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;

/** Counts what a generated data set must produce, per source and in total. */
public final class ManifestBuilder {
    /** The reason codes a planted malformed line can carry; all of them are listed, zeros included. */
    public static final Set<RejectReason> PLANTED_REASONS = EnumSet.of(RejectReason.INVALID_JSON,
            RejectReason.MISSING_FIELD, RejectReason.WRONG_TYPE, RejectReason.INVALID_VALUE, RejectReason.UNKNOWN_TYPE,
            RejectReason.NO_IDENTIFIER);

    private ManifestBuilder() {
    }

    public static Manifest build(GeneratorConfig config, Population population, List<ProgramPlan> plans,
                                 List<OperationalChange> changes, Map<FeedSource, List<FeedLine>> feeds) {
        Map<String, SourceCounts> sources = new LinkedHashMap<>();
        sources.put(GroundTruthRecord.CDC, cdc(changes));
        for (FeedSource source : FeedSource.values()) {
            sources.put(source.code(), feed(source, feeds.getOrDefault(source, List.of())));
        }
        Map<String, Long> totals = new TreeMap<>();
        long valid = 0;
        for (SourceCounts counts : sources.values()) {
            valid += counts.valid();
            counts.byType().forEach((type, n) -> totals.merge(type, n, Long::sum));
        }
        return new Manifest(generator(config), sources, new Manifest.Totals(valid, totals),
                population(population, plans), Scenarios.of(population, plans, changes, feeds));
    }

    private static SourceCounts cdc(List<OperationalChange> changes) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Map<String, Long>> statements = new TreeMap<>();
        long valid = 0;
        for (OperationalChange change : changes) {
            Row row = change.row();
            statements.computeIfAbsent(row.table(), t -> new TreeMap<>()).merge(change.kind().name(), 1L, Long::sum);
            if (change.kind() == OperationalChange.Kind.INSERT) {
                rows.merge(row.table(), 1L, Long::sum);
            } else if (change.kind() == OperationalChange.Kind.DELETE) {
                rows.merge(row.table(), -1L, Long::sum);
            }
            EventType type = change.expectedEvent().orElse(null);
            if (type != null) {
                byType.merge(type.wireName(), 1L, Long::sum);
                valid++;
            }
        }
        return new SourceCounts(null, changes.size(), valid, 0, reasons(), byType, rows, statements);
    }

    private static SourceCounts feed(FeedSource source, List<FeedLine> lines) {
        Map<String, Long> invalid = reasons();
        Map<String, Long> byType = new TreeMap<>();
        long valid = 0;
        long duplicates = 0;
        for (FeedLine line : lines) {
            switch (line.kind()) {
                case VALID -> {
                    valid++;
                    byType.merge(line.type(), 1L, Long::sum);
                }
                case REDELIVERY -> duplicates++;
                case MALFORMED -> invalid.merge(line.reason().code(), 1L, Long::sum);
            }
        }
        return new SourceCounts(source.fileName(), lines.size(), valid, duplicates, invalid, byType, null, null);
    }

    private static Map<String, Long> reasons() {
        Map<String, Long> out = new LinkedHashMap<>();
        PLANTED_REASONS.forEach(r -> out.put(r.code(), 0L));
        return out;
    }

    private static Map<String, Object> generator(GeneratorConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", config.seed());
        out.put("program", config.program());
        out.put("second_program", config.secondProgram().orElse(null));
        out.put("customers", config.customers());
        out.put("start_date", config.startDate().toString());
        out.put("days", config.days());
        out.put("period_start", config.periodStart().toString());
        out.put("period_end", config.periodEnd().toString());
        out.put("return_rate", config.returnRate());
        out.put("malformed_rate", config.malformedRate());
        out.put("redelivery_rate", config.redeliveryRate());
        return out;
    }

    private static Map<String, Object> population(Population population, List<ProgramPlan> plans) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("people", population.people().size());
        Map<String, Long> segments = new TreeMap<>();
        Map<String, Long> countries = new TreeMap<>();
        for (Person p : population.people()) {
            segments.merge(p.segment().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
            countries.merge(p.country().code(), 1L, Long::sum);
        }
        out.put("by_segment", segments);
        out.put("by_country", countries);
        Map<String, Object> programs = new LinkedHashMap<>();
        for (ProgramPlan plan : plans) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("customers", plan.customers().size());
            p.put("crm_accounts", plan.accounts().stream().filter(a -> a.person() != null).count());
            p.put("enrolled_at_end", plan.accounts().stream().filter(a -> a.enrolledAt() != null).count());
            p.put("orders", plan.purchases().size());
            p.put("returns", plan.refunds().size());
            p.put("revenue", plan.purchases().stream().filter(Purchase::completed).map(Purchase::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString());
            programs.put(plan.program(), p);
        }
        out.put("programs", programs);
        return out;
    }

    static boolean lateEnrollment(Account a) {
        return !a.initial().enrolled() && a.enrolledAt() != null;
    }
}
