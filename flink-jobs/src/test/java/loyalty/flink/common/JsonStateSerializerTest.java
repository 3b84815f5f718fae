package loyalty.flink.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import loyalty.ledger.core.MemberLedger;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class JsonStateSerializerTest {
    private final JsonStateSerializer<MemberLedger> serializer = new JsonStateSerializer<>(MemberLedger.class);

    @Test
    void aLedgerSurvivesACheckpointAndACopyIsIndependent() throws Exception {
        MemberLedger ledger = new MemberLedger("acme", "M-1");
        ledger.debt = 42;
        ledger.clock = Instant.parse("2026-01-05T12:00:00Z");

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(ledger, out);
        MemberLedger back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        MemberLedger copy = serializer.copy(ledger);
        copy.debt = 7;

        assertThat(back.memberId).isEqualTo("M-1");
        assertThat(back.debt).isEqualTo(42);
        assertThat(back.clock).isEqualTo(ledger.clock);
        assertThat(ledger.debt).as("the copy is deep").isEqualTo(42);
    }

    @Test
    void theSnapshotRestoresACompatibleSerializerOfTheSameClass() throws Exception {
        TypeSerializerSnapshot<MemberLedger> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        JsonStateSerializer.Snapshot<MemberLedger> read = new JsonStateSerializer.Snapshot<>();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        TypeSerializer<MemberLedger> restored = read.restoreSerializer();
        TypeSerializerSchemaCompatibility<MemberLedger> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(read);

        assertThat(restored).isEqualTo(serializer);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }
}
