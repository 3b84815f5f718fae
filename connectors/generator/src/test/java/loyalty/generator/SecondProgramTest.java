package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.operational.CustomerRow;
import loyalty.generator.operational.OperationalChange;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.truth.GroundTruthRecord;
import org.junit.jupiter.api.Test;

/** A second brand shares part of the population; its data sits in the same tables and feeds, told apart by program. */
class SecondProgramTest {
    private final GeneratedProgram program = Generated.of(GeneratorConfig.defaults(5).withCustomers(800)
            .withSecondProgram("zenith"));

    @Test
    void bothProgramsHaveCustomersRowsEventsAndRuleSets() {
        assertThat(program.plans()).extracting(ProgramPlan::program).containsExactly("acme", "zenith");
        Map<String, Long> linesByProgram = program.feeds().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(FeedLine::program, Collectors.counting()));
        assertThat(linesByProgram).containsOnlyKeys("acme", "zenith");
        assertThat(linesByProgram.get("zenith")).isLessThan(linesByProgram.get("acme"));
        assertThat(program.operationalChanges()).anyMatch(c -> c.key().equals("loyalty_rule_sets:zenith/1"));
        assertThat(program.manifest().source("cdc").byType().get("rules.published")).isEqualTo(4);
    }

    @Test
    void somePeopleShopAtBothBrandsUnderTheSamePersonIdWithSeparateCrmAccounts() {
        Set<String> acme = crmPeople("acme");
        Set<String> zenith = crmPeople("zenith");
        Set<String> both = new HashSet<>(acme);
        both.retainAll(zenith);
        assertThat(both).isNotEmpty();
        assertThat(zenith.size()).isLessThan(acme.size());
    }

    @Test
    void businessAndEventIdsStayUniqueAcrossPrograms() {
        Set<String> keys = new HashSet<>();
        for (GroundTruthRecord r : program.groundTruth()) {
            assertThat(keys.add(r.source() + "/" + r.key())).as(r.key()).isTrue();
        }
        for (FeedSource source : FeedSource.values()) {
            Set<String> ids = new HashSet<>();
            program.feed(source).stream().filter(l -> l.kind() != FeedLine.Kind.REDELIVERY)
                    .forEach(l -> assertThat(ids.add(l.eventId())).isTrue());
        }
    }

    private Set<String> crmPeople(String name) {
        return program.operationalChanges().stream()
                .filter(c -> c.kind() == OperationalChange.Kind.INSERT && c.after() instanceof CustomerRow r
                        && r.program().equals(name) && c.personId() != null)
                .map(OperationalChange::personId).collect(Collectors.toSet());
    }
}
