package loyalty.flink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import loyalty.nudge.NudgeType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every nudge the ledger operator emits validates against the contract that marketing tools consume
 * ({@code loyalty/contract/schemas/nudge.schema.json} in connectors/contract), for every type and both fates.
 */
class NudgeContractTest {
    private static final String SCHEMA = "/loyalty/contract/schemas/nudge.schema.json";
    private static JsonSchema schema;
    private static List<JsonNode> emitted;

    @BeforeAll
    static void run() throws Exception {
        try (InputStream in = NudgeContractTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        try (var h = NudgesHarnessTest.harness(null)) {
            NudgesHarnessTest.firstHalf(h);
            NudgesHarnessTest.secondHalf(h);
            emitted = NudgesHarnessTest.nudges(h);
        }
    }

    @Test
    void everyEmittedNudgeValidates() {
        assertThat(emitted).allSatisfy(n -> assertThat(schema.validate(n)).as(n.toString()).isEmpty());
    }

    @Test
    void theStreamCoversEveryTypeAndEveryReason() {
        assertThat(emitted).extracting(n -> n.path("type").asText()).containsAll(
                Arrays.stream(NudgeType.values()).map(Enum::name).toList());
        assertThat(emitted).extracting(n -> n.path("reason").asText(null))
                .contains(null, "not_enrolled", "holdout", "no_consent");
    }

    @Test
    void theSchemaRejectsWhatTheContractForbids() {
        JsonNode delivered = emitted.stream().filter(n -> n.path("status").asText().equals("DELIVERED"))
                .findFirst().orElseThrow();
        ObjectNode noChannel = ((ObjectNode) delivered.deepCopy()).put("channel", (String) null);
        ObjectNode heldConfirmation = ((ObjectNode) emitted.stream()
                .filter(n -> n.path("type").asText().equals("REDEMPTION_CONFIRMED")).findFirst().orElseThrow()
                .deepCopy()).put("status", "SUPPRESSED").put("reason", "holdout");
        ObjectNode unknownType = ((ObjectNode) delivered.deepCopy()).put("type", "SPAM");

        assertThat(schema.validate(noChannel)).isNotEmpty();
        assertThat(schema.validate(heldConfirmation)).isNotEmpty();
        assertThat(schema.validate(unknownType)).isNotEmpty();
    }
}
