package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import loyalty.ml.clv.TransactionsCsv.InvalidTransactionsException;
import org.junit.jupiter.api.Test;

class TransactionsCsvTest {
    static List<Transaction> read(String text) throws IOException {
        return TransactionsCsv.read(new BufferedReader(new StringReader(text)), "shop.csv");
    }

    static InvalidTransactionsException failure(String text) {
        return catchThrowableOfType(InvalidTransactionsException.class, () -> read(text));
    }

    @Test
    void theHeaderIsOptional() throws IOException {
        Transaction expected = new Transaction("c1", LocalDate.of(2024, 3, 1), new BigDecimal("12.50"));
        assertThat(read("customer_id,date,amount\nc1,2024-03-01,12.50\n")).containsExactly(expected);
        assertThat(read("c1,2024-03-01,12.50")).containsExactly(expected);
    }

    @Test
    void aHeaderPlacesTheColumnsAndQuotesAndBlankLinesAreFine() throws IOException {
        String text = "\uFEFFamount,store,Date,CUSTOMER_ID\n\"1,000.5\",x,2024-03-01,c1\n\n 7 ,\"the \"\"big\"\" one\","
                + "2024-03-02, \"c2\"\n";
        InvalidTransactionsException e = failure(text);
        // a thousands separator is not a decimal number
        assertThat(e.errors()).containsExactly("line 2: bad amount '1,000.5' (expected a number such as 12.50)");
        assertThat(read(text.replace("1,000.5", "1000.5"))).containsExactly(
                new Transaction("c1", LocalDate.of(2024, 3, 1), new BigDecimal("1000.5")),
                new Transaction("c2", LocalDate.of(2024, 3, 2), new BigDecimal("7")));
    }

    @Test
    void badRowsAreAllReportedWithTheirLineNumbers() {
        String text = String.join("\n", "customer_id,date,amount", "c1,2024-03-01,10", "c2,2024-02-30,5",
                "c3,01/03/2024,5", "c4,2024-03-01,12€", "c5,2024-03-01,-3.00", ",2024-03-01,1", "c7,2024-03-01",
                "c8,,abc", "c9,2024-03-02,4");
        InvalidTransactionsException e = failure(text);
        assertThat(e.badRows()).isEqualTo(7);
        assertThat(e.errors()).containsExactly(
                "line 3: bad date '2024-02-30' (expected YYYY-MM-DD)",
                "line 4: bad date '01/03/2024' (expected YYYY-MM-DD)",
                "line 5: bad amount '12€' (expected a number such as 12.50)",
                "line 6: negative amount -3.00 (net returns out of the purchases first)",
                "line 7: missing customer_id",
                "line 8: missing amount",
                "line 9: missing date; bad amount 'abc' (expected a number such as 12.50)");
        assertThat(e.getMessage()).startsWith("shop.csv has 7 bad rows (expected customer_id,date,amount")
                .contains("\n  line 3: bad date '2024-02-30'");
    }

    @Test
    void atMostTwentyErrorsAreListedButAllAreCounted() {
        StringBuilder text = new StringBuilder("c0,2024-01-01,1\n");
        for (int i = 1; i <= 25; i++) {
            text.append("c").append(i).append(",2024-01-01,x\n");
        }
        InvalidTransactionsException e = failure(text.toString());
        assertThat(e.badRows()).isEqualTo(25);
        assertThat(e.errors()).hasSize(TransactionsCsv.MAX_REPORTED);
        assertThat(e.errors().get(0)).startsWith("line 2: ");
        assertThat(e.getMessage()).endsWith("… and 5 more");
    }

    @Test
    void aHeaderWithoutTheColumnsOrAFileWithoutRowsIsRefused() {
        assertThat(failure("id,day,value\nc1,2024-01-01,1\n").errors())
                .containsExactly("line 1: the header id,day,value lacks the columns customer_id, date, amount");
        assertThat(failure("customer_id,date,amount\n\n").errors()).containsExactly("no transactions");
    }
}
