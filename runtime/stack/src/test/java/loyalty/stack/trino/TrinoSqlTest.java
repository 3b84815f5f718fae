package loyalty.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TrinoSqlTest {
    @Test
    void onlyTheStartUpNoNodesErrorIsRetried() {
        assertThat(TrinoSql.isNoNodesYet(new SQLException("Query failed (#q): No nodes available to run query",
                null, 65541))).isTrue();
        assertThat(TrinoSql.isNoNodesYet(new SQLException("Query failed (#20261123_204900_00001_ncbp4): nodes is empty",
                null, 65536))).as("a writer stage right after start-up").isTrue();
        assertThat(TrinoSql.isNoNodesYet(new SQLException("line 1:8: Column 'x' cannot be resolved", null, 47)))
                .isFalse();
    }
}
