package loyalty.flink.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import loyalty.flink.identity.IdentityJobConfig;
import loyalty.flink.ledger.LedgerJobConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;

/** {@code --delivery}: what each value sets, and that both jobs read it, exactly-once unless told otherwise. */
class DeliveryTest {

    @Test
    void eachGuaranteeComesWithItsCheckpointingMode() {
        assertThat(Delivery.parse("exactly-once").guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(Delivery.parse("exactly-once").checkpointingMode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(Delivery.parse(" At-Least-Once ").guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(Delivery.parse("at-least-once").checkpointingMode()).isEqualTo(CheckpointingMode.AT_LEAST_ONCE);
    }

    @Test
    void anUnknownValueNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Delivery.parse("at-most-once"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at-most-once")
                .hasMessageContaining("exactly-once, at-least-once");
    }

    @Test
    void bothJobsReadTheSettingAndDefaultToExactlyOnce() {
        Properties p = new Properties();
        p.setProperty("bootstrap-servers", "localhost:9092");
        p.setProperty("catalog-uri", "jdbc:postgresql://localhost/lakehouse");
        p.setProperty("catalog-user", "loyalty");
        p.setProperty("catalog-password", "loyalty");
        p.setProperty("warehouse", "file:///tmp/warehouse");
        assertThat(IdentityJobConfig.fromProperties(p).delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(LedgerJobConfig.fromProperties(p).delivery()).isEqualTo(Delivery.EXACTLY_ONCE);

        p.setProperty("delivery", "at-least-once");
        assertThat(IdentityJobConfig.fromProperties(p).delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(LedgerJobConfig.fromProperties(p).delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(LedgerJobConfig.fromProperties(p).withCheckpointInterval(Duration.ofSeconds(1))
                .withParallelism(1).delivery()).as("the withers keep it").isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(IdentityJobConfig.fromProperties(p).describe()).containsEntry("delivery", "at-least-once");
    }
}
