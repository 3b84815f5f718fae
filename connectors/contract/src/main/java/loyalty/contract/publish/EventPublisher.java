package loyalty.contract.publish;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import loyalty.contract.deadletter.DeadLetter;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventJson;
import loyalty.contract.topic.Topics;
import loyalty.contract.validation.EventValidator;
import loyalty.contract.validation.RejectReason;
import loyalty.contract.validation.Validation;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way input enters Kafka: validate against the contract, then send to the event type's topic, or to the
 * dead-letter topic with the original bytes, the reason and the source position. Sends are asynchronous; a send
 * that Kafka refuses is not lost quietly: {@link #flush()} throws it.
 */
public final class EventPublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final EventValidator validator;
    private final Clock clock;
    private final PublishStats stats = new PublishStats();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    public EventPublisher(Producer<String, byte[]> producer, EventValidator validator, Clock clock) {
        this.producer = producer;
        this.validator = validator;
        this.clock = clock;
    }

    /** An idempotent producer (no duplicates from its own retries), acks from all replicas. */
    public static EventPublisher connect(String bootstrapServers, String clientId) {
        Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
        return new EventPublisher(producer, new EventValidator(), Clock.systemUTC());
    }

    /** Validates and routes one raw record; returns what happened to it. */
    public Validation publish(byte[] raw, String source, String position) {
        Validation validation = validator.validate(raw);
        if (validation instanceof Validation.Accepted accepted) {
            send(accepted.event());
        } else if (validation instanceof Validation.Rejected rejected) {
            deadLetter(raw, rejected.reason(), rejected.detail(), source, position);
        }
        return validation;
    }

    /** Sends an event built by trusted code (e.g. the CDC mapping) after the same validation as raw input. */
    public Validation publish(Event event, String source, String position) {
        return publish(EventJson.toBytes(event), source, position);
    }

    /** Dead-letters a record that failed before validation could even start (e.g. an unmappable change). */
    public void deadLetter(byte[] original, RejectReason reason, String detail, String source, String position) {
        stats.rejected(reason);
        producer.send(new DeadLetter(original, reason, detail, source, position, clock.instant()).toRecord(),
                this::onCompletion);
    }

    /** Waits until every record sent so far is acknowledged; throws if any was refused. */
    public void flush() {
        producer.flush();
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka refused a record: " + failure.getMessage(), failure);
        }
    }

    public PublishStats stats() {
        return stats;
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }

    private void send(Event event) {
        stats.accepted(event.type());
        // Re-serialised from the parsed event, so offsets in occurred_at are already normalised to UTC.
        producer.send(new ProducerRecord<>(Topics.forType(event.eventType()).name(), event.eventId(),
                EventJson.toBytes(event)), this::onCompletion);
    }

    private void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            sendFailure.compareAndSet(null, exception);
        }
    }
}
