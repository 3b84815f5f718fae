package loyalty.flink.common;

import java.io.IOException;
import java.util.Objects;
import com.fasterxml.jackson.databind.ObjectMapper;
import loyalty.contract.event.EventJson;
import org.apache.flink.api.common.typeutils.GenericTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed state of a plain-Java domain object (a member's ledger) kept as the object itself and written to checkpoints
 * as its JSON. On the heap state backend the operator then reads and changes the object in place, and JSON is
 * written only when a checkpoint is taken (or when a snapshot in progress needs a copy); the domain classes stay free
 * of Flink types, and the checkpoint format is the same JSON the tests and tools read.
 */
public final class JsonStateSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Class<T> type;

    public JsonStateSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless: Jackson's mapper is thread-safe
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            return MAPPER.readValue(MAPPER.writeValueAsBytes(from), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + type.getSimpleName() + " through JSON", e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(record);
        target.writeInt(json.length);
        target.write(json);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] json = new byte[source.readInt()];
        source.readFully(json);
        return MAPPER.readValue(json, type);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonStateSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** Restores the serializer of the same class from a checkpoint. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Snapshot<T> extends GenericTypeSerializerSnapshot<T, JsonStateSerializer> {
        public Snapshot() {
        }

        Snapshot(JsonStateSerializer<T> serializer) {
            super(serializer.type);
        }

        @Override
        protected TypeSerializer<T> createSerializer(Class<T> typeClass) {
            return new JsonStateSerializer<>(typeClass);
        }

        @Override
        protected Class<T> getTypeClass(JsonStateSerializer serializer) {
            return serializer.type;
        }

        @Override
        protected Class<?> serializerClass() {
            return JsonStateSerializer.class;
        }
    }
}
