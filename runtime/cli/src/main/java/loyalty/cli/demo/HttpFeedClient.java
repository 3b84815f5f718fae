package loyalty.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import loyalty.contract.event.EventJson;
import loyalty.stack.StackException;

/** Sends a feed file to the feed HTTP endpoint in batches, the way an app backend would. */
final class HttpFeedClient {
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI endpoint;

    HttpFeedClient(String url) {
        this.endpoint = URI.create(url);
    }

    record Totals(long accepted, long deadLettered) {
    }

    Totals send(Path file, int batchSize, LongConsumer linesSent) throws IOException, InterruptedException {
        long accepted = 0;
        long deadLettered = 0;
        long sent = 0;
        List<String> batch = new ArrayList<>(batchSize);
        try (var lines = Files.lines(file)) {
            var it = lines.iterator();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == batchSize || !it.hasNext()) {
                    JsonNode answer = post(String.join("\n", batch));
                    accepted += answer.get("accepted").asLong();
                    deadLettered += answer.get("dead_lettered").asLong();
                    sent += batch.size();
                    linesSent.accept(sent);
                    batch.clear();
                }
            }
        }
        return new Totals(accepted, deadLettered);
    }

    private JsonNode post(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new StackException("the feed endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }
}
