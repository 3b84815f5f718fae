package loyalty.cli.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import loyalty.cli.StackOptions;
import loyalty.cli.console.TextTable;
import loyalty.contract.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the stack runs and its endpoints.")
public final class StackStatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        Optional<StackState> state = StackState.readLive(options.workspace().stateFile());
        if (state.isEmpty()) {
            System.out.println("no stack is running (start it with './loyalty stack up')");
            return 3;
        }
        print(state.get());
        return 0;
    }

    public static void print(StackState s) {
        TextTable table = new TextTable("component", "endpoint", "reachable");
        table.row("PostgreSQL (shop)", s.shopJdbcUrl() + "  user loyalty / password loyalty",
                reachable("127.0.0.1", s.postgresPort()));
        table.row("Iceberg catalog", s.catalogJdbcUrl() + "  warehouse " + s.warehouse(),
                reachable("127.0.0.1", s.postgresPort()));
        String[] kafka = s.kafkaBootstrap().split(":");
        table.row("Kafka", s.kafkaBootstrap(), reachable(kafka[0], Integer.parseInt(kafka[1])));
        if (s.feedHttpUrl() != null) {
            URI feed = URI.create(s.feedHttpUrl());
            table.row("Feed HTTP", "POST " + s.feedHttpUrl(), reachable(feed.getHost(), feed.getPort()));
        }
        if (s.apiUrl() != null) {
            URI api = URI.create(s.apiUrl());
            table.row("Balance API", "GET " + s.apiUrl() + "/programs/{program}/members/{id}",
                    reachable(api.getHost(), api.getPort()));
        }
        if (s.trinoJdbcUrl() != null) {
            URI trino = URI.create(s.trinoJdbcUrl().substring("jdbc:".length()));
            table.row("Trino", s.trinoJdbcUrl(), reachable(trino.getHost(), trino.getPort()));
        } else {
            table.row("Trino", "not running (--no-trino, or no JDK >= 24 found)", "-");
        }
        System.out.println("stack pid " + s.pid() + ", up since " + s.startedAt());
        System.out.print(table.render());
        System.out.print(figures(s).render());
    }

    /** What the pipeline set aside; a figure that cannot be read says why instead of failing the status. */
    static TextTable figures(StackState s) {
        TextTable figures = new TextTable("set aside", "count", "where to look");
        try {
            Map<String, Long> late = PipelineFigures.lateArrivals(s);
            figures.row("late arrivals (applied at arrival, SPEC §1)", late.values().stream().mapToLong(n -> n).sum(),
                    late.isEmpty() ? "audit.late_arrivals" : late + " in audit.late_arrivals");
        } catch (Exception e) {
            figures.row("late arrivals", "?", "cannot read identity.identity_events: " + e.getMessage());
        }
        try {
            Map<String, Long> dead = PipelineFigures.deadLetters(s);
            figures.row("dead letters", dead.values().stream().mapToLong(n -> n).sum(),
                    dead.isEmpty() ? Topics.DEAD_LETTER.name() : dead + " in " + Topics.DEAD_LETTER.name());
        } catch (RuntimeException e) {
            figures.row("dead letters", "?", "cannot read " + Topics.DEAD_LETTER.name() + ": " + e.getMessage());
        }
        return figures;
    }

    private static String reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return "yes";
        } catch (IOException e) {
            return "NO";
        }
    }
}
