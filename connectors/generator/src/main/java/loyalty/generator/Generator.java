package loyalty.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import loyalty.generator.feed.FeedAssembler;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.operational.OperationalChanges;
import loyalty.generator.people.Person;
import loyalty.generator.people.Population;
import loyalty.generator.plan.IdAssigner;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.ProgramPlanner;
import loyalty.generator.plan.Seasonality;
import loyalty.generator.random.Draw;
import loyalty.generator.truth.Manifest;
import loyalty.generator.truth.ManifestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a synthetic retail program from a seed: the same config gives the same data, byte for byte. The steps
 * are: draw the people, plan each program's activity, give business ids in time order, then render the operational
 * changes and the feed lines and count what the pipeline must see.
 */
public final class Generator {
    /** Share of the population that also shops at the second brand. */
    static final double SECOND_PROGRAM_SHARE = 0.35;
    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private Generator() {
    }

    public static GeneratedProgram generate(GeneratorConfig config) {
        long started = System.nanoTime();
        Population population = Population.draw(config.seed(), config.customers(), config.startDate());
        Seasonality season = new Seasonality(config.startDate(), config.days());
        long[] sequence = {0};
        List<ProgramPlan> plans = new ArrayList<>();
        plans.add(new ProgramPlanner(config, config.program(), season, sequence).plan(population.people()));
        config.secondProgram().ifPresent(second -> plans.add(
                new ProgramPlanner(config, second, season, sequence).plan(secondBrandCustomers(config, population))));
        IdAssigner.assign(plans);
        List<OperationalChange> changes = OperationalChanges.of(plans);
        Map<FeedSource, List<FeedLine>> feeds = FeedAssembler.assemble(plans, config);
        Manifest manifest = ManifestBuilder.build(config, population, plans, changes, feeds);
        LOG.info("event=program_generated seed={} program={} customers={} changes={} feed_lines={} took_ms={}",
                config.seed(), config.program(), config.customers(), changes.size(),
                feeds.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - started) / 1_000_000);
        return new GeneratedProgram(config, population, plans, changes, feeds, manifest);
    }

    private static List<Person> secondBrandCustomers(GeneratorConfig config, Population population) {
        return population.people().stream()
                .filter(p -> Draw.of(config.seed(), "second-program", p.index()).chance(SECOND_PROGRAM_SHARE))
                .toList();
    }
}
