package loyalty.flink.raw;

import static loyalty.flink.raw.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DropDuplicateEventsHarnessTest {
    private static final Duration TTL = Duration.ofHours(1);
    private static final long START = 1_000L;
    private static final long JUST_BEFORE_EXPIRY = START + TTL.toMillis() - 1;
    private static final long AFTER_EXPIRY = START + TTL.toMillis() + 1;

    private DropDuplicateEvents function;
    private KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> harness;

    @BeforeEach
    void openHarness() throws Exception {
        function = new DropDuplicateEvents(TTL);
        harness = harnessFor(function);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void theFirstCopyPassesAndLaterCopiesAreDroppedAndCounted() throws Exception {
        send(raw("pos-1", 10));
        send(raw("pos-1", 11));
        send(raw("pos-2", 12));
        send(raw("pos-1", 13));

        assertThat(passed()).extracting(RawEvent::eventId).containsExactly("pos-1", "pos-2");
        assertThat(passed().get(0).kafkaOffset()).as("the first copy wins").isEqualTo(10L);
        assertThat(function.duplicatesDropped()).isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers() + harness.numEventTimeTimers()).as("no timers").isZero();
    }

    @Test
    void anIdIsRememberedForTheTtlAndForgottenAfterIt() throws Exception {
        send(raw("pos-1", 10));
        harness.setStateTtlProcessingTime(JUST_BEFORE_EXPIRY);
        send(raw("pos-1", 11));
        harness.setStateTtlProcessingTime(AFTER_EXPIRY);
        send(raw("pos-1", 12));

        assertThat(passed()).extracting(RawEvent::kafkaOffset).containsExactly(10L, 12L);
        assertThat(function.duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void expiredIdsAreLeftOutOfCheckpoints() throws Exception {
        send(raw("pos-1", 10));
        send(raw("pos-2", 11));
        send(raw("pos-3", 12));
        harness.setStateTtlProcessingTime(AFTER_EXPIRY);

        OperatorSubtaskState checkpoint = harness.snapshot(1L, AFTER_EXPIRY);

        try (KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> restored =
                     harnessFor(new DropDuplicateEvents(TTL))) {
            restored.setStateTtlProcessingTime(AFTER_EXPIRY);
            restored.initializeState(checkpoint);
            restored.open();
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numProcessingTimeTimers() + restored.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void trafficSweepsExpiredIdsOutOfLiveState() throws Exception {
        send(raw("pos-1", 10));
        send(raw("pos-2", 11));
        send(raw("pos-3", 12));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        harness.setStateTtlProcessingTime(AFTER_EXPIRY);

        // The heap backend removes expired entries while processing records (incremental cleanup, at least one
        // per record), not at the moment they expire: as many new ids as expired ones leave only the new ones.
        send(raw("pos-4", 13));
        send(raw("pos-5", 14));
        send(raw("pos-6", 15));

        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        assertThat(passed()).extracting(RawEvent::eventId)
                .containsExactly("pos-1", "pos-2", "pos-3", "pos-4", "pos-5", "pos-6");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> harnessFor(
            DropDuplicateEvents function) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RawEvent, RawEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), RawEvent::eventId,
                        Types.STRING);
        h.setStateTtlProcessingTime(START);
        return h;
    }

    private void send(RawEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event));
    }

    private List<RawEvent> passed() {
        return harness.extractOutputValues();
    }
}
