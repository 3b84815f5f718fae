package loyalty.generator;

import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.people.Population;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.truth.GroundTruth;
import loyalty.generator.truth.GroundTruthRecord;
import loyalty.generator.truth.Manifest;

/**
 * A generated data set: the operational changes (the CDC source), the feed files' lines, and what the pipeline
 * must make of them (the manifest and the ground truth). Immutable; write it with
 * {@link loyalty.generator.operational.OperationalWriter}, {@link loyalty.generator.feed.FeedWriter} and
 * {@link loyalty.generator.truth.GroundTruthWriter}.
 */
public final class GeneratedProgram {
    private final GeneratorConfig config;
    private final Population population;
    private final List<ProgramPlan> plans;
    private final List<OperationalChange> operationalChanges;
    private final Map<FeedSource, List<FeedLine>> feeds;
    private final Manifest manifest;

    GeneratedProgram(GeneratorConfig config, Population population, List<ProgramPlan> plans,
                     List<OperationalChange> operationalChanges, Map<FeedSource, List<FeedLine>> feeds,
                     Manifest manifest) {
        this.config = config;
        this.population = population;
        this.plans = List.copyOf(plans);
        this.operationalChanges = List.copyOf(operationalChanges);
        this.feeds = Map.copyOf(feeds);
        this.manifest = manifest;
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The true people (ground truth), with the planted identity-mess cases. */
    public Population population() {
        return population;
    }

    /** The planned activity per program, before rendering (for tests and analyses that need more than counts). */
    public List<ProgramPlan> plans() {
        return plans;
    }

    /** Every INSERT, UPDATE and DELETE on the operational tables, in the order they happened. */
    public List<OperationalChange> operationalChanges() {
        return operationalChanges;
    }

    /** Lines of one feed file, in file order. */
    public List<FeedLine> feed(FeedSource source) {
        return feeds.get(source);
    }

    public Map<FeedSource, List<FeedLine>> feeds() {
        return feeds;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** One record per operational row and per distinct feed event id (built on each call). */
    public List<GroundTruthRecord> groundTruth() {
        return GroundTruth.of(operationalChanges, feeds);
    }
}
