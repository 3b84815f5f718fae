package loyalty.ledger.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Campaign conditions (SPEC §5): CEL expressions over {@code order} and {@code member} (the fields of
 * {@link ConditionVariable}). Each distinct expression is compiled once per instance.
 *
 * <p>A condition that cannot be decided for an order (a field it reads is missing or of the wrong type, or CEL
 * fails, e.g. an index out of range) does not match: an order never fails on a campaign. Such a problem is counted
 * ({@link #problems()}) and its reason returned by {@link #evaluate}. Thread-safe; serialisable so a Flink function
 * can carry one (the compiled programs are rebuilt after deserialisation).
 */
public final class CampaignConditions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** CEL environment and runtime: immutable and thread-safe, so one per class loader. */
    private static final Cel CEL = environment();

    private final AtomicLong problems = new AtomicLong();
    private transient volatile Map<String, Compiled> compiled;

    /** Whether a condition matched, and if it could not be decided, why. */
    public record Evaluation(boolean matched, Optional<String> problem) {
        static final Evaluation MATCH = new Evaluation(true, Optional.empty());
        static final Evaluation NO_MATCH = new Evaluation(false, Optional.empty());

        static Evaluation undecided(String problem) {
            return new Evaluation(false, Optional.of(problem));
        }
    }

    /**
     * Why {@code condition} is not a usable campaign condition (it does not parse, reads an unknown field, mixes
     * types, or is not a bool), or empty when it is.
     */
    public static Optional<String> compileError(String condition) {
        return Optional.ofNullable(compile(condition).error());
    }

    public boolean matches(RuleSet.Campaign campaign, Map<String, ?> order, Map<String, ?> member) {
        return evaluate(campaign, order, member).matched();
    }

    public Evaluation evaluate(RuleSet.Campaign campaign, Map<String, ?> order, Map<String, ?> member) {
        Compiled c = compiled().computeIfAbsent(campaign.condition(), CampaignConditions::compile);
        if (c.error() != null) {
            return undecided(campaign, "condition " + c.error());
        }
        Map<String, Object> activation = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (ConditionVariable v : c.reads()) {
            Object value;
            try {
                value = v.valueFrom(order, member);
            } catch (IllegalArgumentException e) {
                return undecided(campaign, e.getMessage());
            }
            if (value == null) {
                missing.add(v.qualifiedName());
            } else {
                activation.put(v.qualifiedName(), value);
            }
        }
        // Strict on purpose: CEL would still decide `a || b` without b, but a missing fact is a bug in the caller.
        if (!missing.isEmpty()) {
            return undecided(campaign, "missing " + String.join(", ", missing));
        }
        Object result;
        try {
            result = c.program().eval(activation);
        } catch (CelEvaluationException | RuntimeException e) {
            return undecided(campaign, e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b ? Evaluation.MATCH : Evaluation.NO_MATCH;
        }
        return undecided(campaign, "evaluated to " + result + ", not a bool");
    }

    /** The campaigns of {@code rules} active at {@code at} that this order matches, in the rule set's order. */
    public List<RuleSet.Campaign> matching(RuleSet rules, Instant at, Map<String, ?> order, Map<String, ?> member) {
        return matching(rules, at, order, member, (campaign, problem) -> {
        });
    }

    /** As {@link #matching(RuleSet, Instant, Map, Map)}, telling {@code onProblem} of each undecidable condition. */
    public List<RuleSet.Campaign> matching(RuleSet rules, Instant at, Map<String, ?> order, Map<String, ?> member,
                                           BiConsumer<RuleSet.Campaign, String> onProblem) {
        List<RuleSet.Campaign> out = new ArrayList<>();
        for (RuleSet.Campaign c : rules.campaigns()) {
            if (!c.activeAt(at)) {
                continue;
            }
            Evaluation e = evaluate(c, order, member);
            if (e.matched()) {
                out.add(c);
            }
            e.problem().ifPresent(p -> onProblem.accept(c, p));
        }
        return out;
    }

    /** How many evaluations could not be decided since this instance was created. */
    public long problems() {
        return problems.get();
    }

    private Evaluation undecided(RuleSet.Campaign campaign, String why) {
        problems.incrementAndGet();
        return Evaluation.undecided("campaign " + campaign.id() + ": " + why);
    }

    private Map<String, Compiled> compiled() {
        Map<String, Compiled> m = compiled;
        if (m == null) {
            m = new ConcurrentHashMap<>();
            compiled = m;
        }
        return m;
    }

    /** A compiled condition with the variables it reads, or why it does not compile. */
    private record Compiled(CelRuntime.Program program, Set<ConditionVariable> reads, String error) {
        static Compiled failed(String error) {
            return new Compiled(null, Set.of(), error);
        }
    }

    private static Compiled compile(String condition) {
        CelValidationResult result;
        try {
            result = CEL.compile(condition);
        } catch (RuntimeException e) {
            return Compiled.failed("does not compile: " + e.getMessage());
        }
        if (result.hasError()) {
            return Compiled.failed("does not compile: " + errorLines(result.getErrorString()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!ast.getResultType().equals(SimpleType.BOOL)) {
                return Compiled.failed("yields " + CelTypes.format(ast.getResultType()) + ", not bool");
            }
            return new Compiled(CEL.createProgram(ast), reads(ast), null);
        } catch (CelValidationException | CelEvaluationException e) {
            return Compiled.failed("does not compile: " + errorLines(e.getMessage()));
        }
    }

    private static Set<ConditionVariable> reads(CelAbstractSyntaxTree ast) {
        Set<String> names = ast.getReferenceMap().values().stream().map(CelReference::name)
                .collect(Collectors.toSet());
        Set<ConditionVariable> reads = EnumSet.noneOf(ConditionVariable.class);
        for (ConditionVariable v : ConditionVariable.values()) {
            if (names.contains(v.qualifiedName())) {
                reads.add(v);
            }
        }
        return reads;
    }

    /** CEL's report without its source excerpt and caret lines: {@code 1:17: mismatched input ...}. */
    private static String errorLines(String report) {
        return Arrays.stream(report.split("\n"))
                .filter(line -> line.startsWith("ERROR: "))
                .map(line -> line.substring("ERROR: ".length()).replaceFirst("^<input>:", ""))
                .collect(Collectors.collectingAndThen(Collectors.joining("; "),
                        joined -> joined.isEmpty() ? report : joined));
    }

    private static Cel environment() {
        var builder = CelFactory.standardCelBuilder()
                // So `order.net_amount > 100` checks: without it CEL has no double > int overload.
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (ConditionVariable v : ConditionVariable.values()) {
            builder.addVar(v.qualifiedName(), v.celType());
        }
        return builder.build();
    }
}
