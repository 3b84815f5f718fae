package loyalty.cli.sql;

import java.sql.SQLException;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.TrinoOptions;
import loyalty.cli.UserError;
import loyalty.stack.trino.TableRenderer;
import loyalty.stack.trino.TrinoSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one SQL statement through Trino (JDBC) and print the result as a table."
                + " Tables live in the catalog 'iceberg', e.g. iceberg.raw.events.")
public final class SqlCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    TrinoOptions trino;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, in quotes.")
    String sql;

    @Override
    public Integer call() {
        String jdbcUrl = trino.jdbcUrl(stack);
        try {
            System.out.print(TableRenderer.render(new TrinoSql(jdbcUrl, trino.user).query(sql)));
            return 0;
        } catch (SQLException e) {
            throw new UserError("Trino refused the statement: " + e.getMessage());
        }
    }
}
