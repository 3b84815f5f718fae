package loyalty.feeds.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import loyalty.contract.event.EventJson;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.Validation;
import loyalty.feeds.IngestReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel feeds over HTTP: {@code POST /v1/events} with a JSON Lines body (one event per line) or a JSON array of
 * events. Each record is validated and routed like a file line; the response lists every record's outcome and is
 * sent only after Kafka acknowledged the batch, so a 200 means nothing of it can be lost. Binds loopback by default.
 */
public final class FeedHttpServer implements AutoCloseable {
    public static final String PATH = "/v1/events";
    public static final int MAX_BATCH_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FeedHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final BatchIngest batches;

    private FeedHttpServer(HttpServer server, ExecutorService executor, BatchIngest batches) {
        this.server = server;
        this.executor = executor;
        this.batches = batches;
    }

    public static FeedHttpServer start(String host, int port, EventPublisher publisher) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // Two workers: batches are I/O bound on Kafka acks, and the machine this targets has two cores.
        ExecutorService executor = Executors.newFixedThreadPool(2);
        FeedHttpServer feed = new FeedHttpServer(server, executor, new BatchIngest(publisher));
        server.createContext(PATH, feed::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("event=feed_http_started address={}:{}", host, feed.port());
        return feed;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + PATH;
    }

    /** Totals over every batch since start. */
    public IngestReport totals() {
        return batches.totals();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, error("use POST with a JSON Lines body or a JSON array of events"));
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, error("batch larger than " + MAX_BATCH_BYTES + " bytes: split it"));
                return;
            }
            List<BatchIngest.Outcome> outcomes;
            try {
                outcomes = batches.ingest(body);
            } catch (RuntimeException e) {
                LOG.warn("event=feed_batch_failed reason={}", e.getMessage());
                respond(exchange, 503, error("Kafka did not acknowledge the batch; retry it: " + e.getMessage()));
                return;
            }
            respond(exchange, 200, summary(outcomes));
        }
    }

    private static ObjectNode summary(List<BatchIngest.Outcome> outcomes) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        ArrayNode results = root.putArray("results");
        long accepted = 0;
        for (BatchIngest.Outcome o : outcomes) {
            ObjectNode r = results.addObject().put("index", o.index()).put("position", o.position());
            if (o.validation() instanceof Validation.Accepted a) {
                accepted++;
                r.put("status", "accepted").put("event_id", a.event().eventId());
            } else if (o.validation() instanceof Validation.Rejected rej) {
                r.put("status", "dead_lettered").put("reason", rej.reason().code()).put("detail", rej.detail());
            }
        }
        root.put("accepted", accepted);
        root.put("dead_lettered", outcomes.size() - accepted);
        return root;
    }

    private static ObjectNode error(String message) {
        return EventJson.mapper().createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = EventJson.toBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = in.read(chunk)) != -1) {
            out.write(chunk, 0, n);
            if (out.size() > MAX_BATCH_BYTES) {
                return null;
            }
        }
        return out.toByteArray();
    }
}
