package loyalty.flink.passthrough;

import loyalty.flink.common.KafkaInput;
import org.apache.flink.api.common.functions.MapFunction;

/** The least a job can do with a record: keep its value bytes, untouched and unparsed. */
final class InputBytes implements MapFunction<KafkaInput, byte[]> {

    @Override
    public byte[] map(KafkaInput input) {
        return input.value();
    }
}
