package loyalty.identity.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import loyalty.contract.event.Identifiers;
import loyalty.identity.normalize.Blocklist;
import loyalty.identity.normalize.BlocklistConfig;
import loyalty.identity.normalize.IdentifierNormalizer;
import loyalty.identity.normalize.RegionChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Linkable components and linkable recall on small cases worked out by hand. */
class LinkabilityTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                         | records (key person member identifiers)                                                        | linkable | linked | recall | linkable recall
            # P1's two records share nothing: true pair (a,b) is not linkable; kept apart, recall 0/1 but linkable recall 0/0 = 1
            nothing shared, kept apart     | a P1 M1 email:e1; b P1 M2 card:k1                                                             | 0        | 0      | 0/1    | 1
            # merged anyway (another rule, luck): correct 1/1, still nothing linkable
            nothing shared, merged         | a P1 M1 email:e1; b P1 M1 card:k1                                                             | 0        | 0      | 1/1    | 1
            # a-b share e1, b-c share h: component {a,b,c} = 3 pairs, {d} alone; true = C(4,2) = 6, correct = 3
            chain found                    | a P1 M1 email:e1; b P1 M1 email:e1 phone:h; c P1 M1 phone:h; d P1 M2 card:k1                | 3        | 3      | 3/6    | 1
            # the chain broken into M1 = {a,b} and M2 = {c}: linked = 1 of 3
            chain half found               | a P1 M1 email:e1; b P1 M1 email:e1 phone:h; c P1 M2 phone:h; d P1 M3 card:k1                | 3        | 1      | 1/6    | 1/3
            # every strong type links: email, phone, card, crm_id each join one more record -> {a,b,c,d,e} = C(5,2) = 10
            every strong type links        | a P1 M1 email:e1; b P1 M1 email:e1 phone:h; c P1 M1 phone:h card:k1; d P1 M1 card:k1 crm_id:C1; e P1 M1 crm_id:C1 | 10 | 10 | 10/10 | 1
            # device ids never cause a merge, so they link nothing
            shared device only             | a P1 M1 device:D1; b P1 M2 device:D1                                                           | 0        | 0      | 0/1    | 1
            # household phone h is on P1's a and P2's c and d: components stay per person, P1 {a,b} and P2 {c,d}, {e}
            # -> linkable 1 + 1 = 2 (one joint component {a,b,c,d} would give 6); the resolver merged all four into M1
            # (true = C(2,2) + C(3,2) = 4, correct = 1 + 1 = 2)
            shared phone across persons    | a P1 M1 phone:h email:e1; b P1 M1 email:e1; c P2 M1 phone:h; d P2 M1 phone:h card:k2; e P2 M2 card:k3 | 2 | 2 | 2/4 | 1
            # unattributed (c) and person-less (g) records do not count: {a,b} linkable and linked, c is outside
            unattributed records           | a P1 M1 email:e1; b P1 M1 email:e1; c P1 - email:e1; g - M1 email:e1                          | 1        | 1      | 1/1    | 1
            """)
    void linkableRecall(String name, String records, long linkable, long linked, String recall,
                        String linkableRecall) {
        Linkability links = Linkability.of(Records.identified(records));
        List<ResolvedRecord> resolved = Records.resolved(records);

        Linkability.Recall result = links.recall(resolved);
        IdentityQuality quality = IdentityQuality.measure(resolved, links);

        assertThat(result.linkablePairs()).as("linkable pairs").isEqualTo(linkable);
        assertThat(result.linkedPairs()).as("linked pairs").isEqualTo(linked);
        assertThat(result.value()).as("linkable recall").isEqualTo(Records.ratio(linkableRecall));
        assertThat(quality.recall()).as("recall").isEqualTo(Records.ratio(recall));
        assertThat(quality.linkableRecall()).isEqualTo(result.value());
        assertThat(quality.linkablePairs()).isEqualTo(linkable);
    }

    @Test
    void aSharedPhoneDoesNotJoinTheComponentsOfTwoPersons() {
        Linkability links = Linkability.of(Records.identified(
                "a P1 - phone:h email:e1; b P1 - email:e1; c P2 - phone:h; d P2 - phone:h card:k2; e P2 - card:k3"));

        assertThat(links.component("a")).isEqualTo(links.component("b"));
        assertThat(links.component("c")).isEqualTo(links.component("d"));
        assertThat(links.component("a")).isNotEqualTo(links.component("c"));
        assertThat(links.component("e")).isNotEqualTo(links.component("c"));
        // P1 {a,b} + P2 {c,d} + P2 {e}: 1 + 1 + 0, over every record given (members play no part here)
        assertThat(links.linkablePairs()).isEqualTo(2);
        assertThat(links.components()).isEqualTo(3);
    }

    @Test
    void onlyValidNotBlocklistedNormalisedIdentifiersLink() {
        Blocklist blocklist = Blocklist.of(BlocklistConfig.DEFAULT);
        // a-b: the same gmail mailbox written two ways -> linked; c-d: only the blocklisted test@test.com;
        // e-f: only the same invalid phone "12"
        Linkability links = Linkability.of(List.of(
                record("a", blocklist, new Identifiers(" Bob.Smith+shop@GoogleMail.com", null, "K-1", null, null)),
                record("b", blocklist, new Identifiers("bobsmith@gmail.com", null, "K-2", null, null)),
                record("c", blocklist, new Identifiers("test@test.com", null, "K-3", null, null)),
                record("d", blocklist, new Identifiers("TEST@test.com", null, "K-4", null, null)),
                record("e", blocklist, new Identifiers(null, "12", "K-5", null, null)),
                record("f", blocklist, new Identifiers(null, "12", "K-6", null, null))));

        assertThat(links.component("a")).isEqualTo(links.component("b"));
        assertThat(links.component("c")).isNotEqualTo(links.component("d"));
        assertThat(links.component("e")).isNotEqualTo(links.component("f"));
        assertThat(links.linkablePairs()).isEqualTo(1);
    }

    @Test
    void aRecordWithoutAPersonIsInNoComponentAndAnUnknownRecordStandsAlone() {
        Linkability links = Linkability.of(Records.identified("a P1 - email:e1; b P1 - email:e1; g - - email:e1"));

        assertThat(links.component("g")).isEmpty();
        assertThat(links.component("nope")).isEmpty();
        // x is unknown to the linkability: its own component, so (a,x) is not linkable although both are in M1
        Linkability.Recall recall = links.recall(Records.resolved("a P1 M1; b P1 M1; x P1 M1"));
        assertThat(recall.linkablePairs()).isEqualTo(1);
        assertThat(recall.linkedPairs()).isEqualTo(1);
    }

    @Test
    void inconsistentInputsAreRefused() {
        Linkability links = Linkability.of(Records.identified("a P1 - email:e1; b P1 - email:e1"));

        assertThatThrownBy(() -> links.recall(Records.resolved("a P2 M1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a belongs to P2");
        assertThatThrownBy(() -> Linkability.of(Records.identified("a P1 - email:e1; a P1 - email:e1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a occurs twice");
    }

    private static IdentifiedRecord record(String key, Blocklist blocklist, Identifiers raw) {
        return new IdentifiedRecord(key, "P1", IdentifierNormalizer.normalize(raw, RegionChain.NONE, blocklist));
    }
}
