package loyalty.cdc.transform;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import loyalty.cdc.mapping.ChangeMapper;
import loyalty.cdc.mapping.MappingResult;
import loyalty.cdc.mapping.RowChange;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.RejectReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Connect SMT named in {@code postgres-connector.json}: a Debezium change record in, and out either a
 * canonical event for its input topic (key event_id, value the Event JSON bytes), or a dead letter (value the
 * original change as JSON, {@code dlq.*} headers), or null when the change is not a loyalty event. Kafka Connect and
 * the embedded {@code CdcRunner} run this same class; the rules themselves live in {@link ChangeMapper}.
 *
 * <p>Outputs need a String key converter and a ByteArray value converter.
 */
public final class CanonicalEventTransform implements Transformation<SourceRecord> {
    /** Header naming the canonical type of an event record, so a consumer can count without parsing. */
    public static final String EVENT_TYPE_HEADER = "event_type";
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalEventTransform.class);

    private final ChangeMapper mapper;
    private final Clock clock;
    private final JsonConverter originalJson = new JsonConverter();

    public CanonicalEventTransform() {
        this(new ChangeMapper(), Clock.systemUTC());
    }

    CanonicalEventTransform(ChangeMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
        originalJson.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                JsonConverterConfig.TYPE_CONFIG, "value"));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the mapping is the contract's, not a deployment choice.
    }

    @Override
    public SourceRecord apply(SourceRecord record) {
        Optional<RowChange> change;
        try {
            change = ChangeRecords.read(record);
        } catch (RuntimeException e) {
            return deadLetter(record, RejectReason.UNMAPPABLE_CHANGE, "cannot read the change: " + e.getMessage(),
                    "cdc:" + record.topic(), String.valueOf(record.sourceOffset()));
        }
        if (change.isEmpty()) {
            return null;
        }
        RowChange rowChange = change.get();
        MappingResult result;
        try {
            result = mapper.map(rowChange);
        } catch (RuntimeException e) {
            result = new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE, e.toString());
        }
        if (result instanceof MappingResult.Emit emit) {
            return canonical(record, emit.event());
        }
        if (result instanceof MappingResult.Reject reject) {
            LOG.debug("event=cdc_dead_letter table={} lsn={} reason={}", rowChange.table(), rowChange.lsn(),
                    reject.reason());
            return deadLetter(record, reject.reason(), reject.detail(), rowChange.source(), rowChange.position());
        }
        LOG.debug("event=cdc_skipped table={} lsn={} why={}", rowChange.table(), rowChange.lsn(),
                ((MappingResult.Skip) result).why());
        return null;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void close() {
        originalJson.close();
    }

    private static SourceRecord canonical(SourceRecord record, Event event) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EVENT_TYPE_HEADER, event.type());
        return record.newRecord(Topics.forType(event.eventType()).name(), null, Schema.STRING_SCHEMA,
                event.eventId(), Schema.BYTES_SCHEMA, EventJson.toBytes(event), record.timestamp(), headers);
    }

    private SourceRecord deadLetter(SourceRecord record, RejectReason reason, String detail, String source,
                                    String position) {
        ProducerRecord<String, byte[]> letter =
                new DeadLetter(original(record), reason, detail, source, position, clock.instant()).toRecord();
        ConnectHeaders headers = new ConnectHeaders();
        letter.headers().forEach(h -> headers.addString(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return record.newRecord(letter.topic(), null, Schema.STRING_SCHEMA, letter.key(), Schema.BYTES_SCHEMA,
                letter.value(), record.timestamp(), headers);
    }

    /** The change as Debezium's JSON (before, after, source, op), so the dead letter shows the row as it was. */
    private byte[] original(SourceRecord record) {
        try {
            return originalJson.fromConnectData(record.topic(), record.valueSchema(), record.value());
        } catch (RuntimeException e) {
            return String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
