package loyalty.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRendererTest {
    @Test
    void alignsNumbersRightTextLeftAndShowsNullAndTheRowCount() {
        QueryResult result = new QueryResult(List.of("member_id", "points", "net_amount", "tier"), List.of(
                Arrays.asList("M-1", 120L, new BigDecimal("120.50"), "GOLD"),
                Arrays.asList("M-22", 5L, null, null)));

        assertThat(TableRenderer.render(result)).isEqualTo("""
                 member_id | points | net_amount | tier
                -----------+--------+------------+------
                 M-1       |    120 |     120.50 | GOLD
                 M-22      |      5 |       NULL | NULL
                (2 rows)
                """);
    }

    @Test
    void keepsEveryRowOnOneLineAndSaysOneRow() {
        QueryResult result = new QueryResult(List.of("payload", "tags"),
                List.of(List.of("{\"a\":\n1}", List.of("x", "y"))));

        assertThat(TableRenderer.render(result)).isEqualTo("""
                 payload   | tags
                -----------+--------
                 {"a":\\n1} | [x, y]
                (1 row)
                """);
    }

    @Test
    void printsAnEmptyResultWithItsHeader() {
        String table = TableRenderer.render(new QueryResult(List.of("n"), List.of()));

        assertThat(table).isEqualTo("""
                 n
                ---
                (0 rows)
                """);
    }

    @Test
    void refusesARowThatDoesNotFitTheColumns() {
        assertThatThrownBy(() -> new QueryResult(List.of("a", "b"), List.of(List.of("only one"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values for 2 columns");
    }
}
