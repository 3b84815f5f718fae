package loyalty.cli.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import loyalty.cli.member.SearchedIdentifier;
import loyalty.contract.event.EventJson;
import loyalty.flink.serving.ServingDb;
import loyalty.identity.normalize.IdentifierType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only balance API over the serving tables, for tills, the web shop and the call centre (JSON, GET only):
 *
 * <ul>
 *   <li>{@code /programs/{program}/members/{member_id}}: balance, open lots with their expiry dates, the 20 most
 *       recent ledger entries; a merged-away id answers with its survivor ({@code resolved_from});
 *   <li>{@code /programs/{program}/members/{member_id}/entries?limit=N}: the N most recent entries (at most 500);
 *   <li>{@code /programs/{program}/lookup?email=…} (or {@code phone=…[&country=GB]}, {@code card=…},
 *       {@code crm_id=…}, {@code device=…}): the identifier normalised as the pipeline does (SPEC §3), then the
 *       member answer of whoever holds it now;
 *   <li>{@code /health}.
 * </ul>
 *
 * Errors: 400 for a value the pipeline would never link (with why), 404 {@code {"error": "no member …"}}, 405 for
 * anything but GET. In a query string {@code +} is a plus sign (phone numbers), not a space. Each request opens its
 * own connection (no pool: a loopback connection costs a few milliseconds, and the JDK has no pool to reuse).
 */
public final class BalanceApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BalanceApi.class);
    private static final Map<String, IdentifierType> LOOKUP_KEYS = Map.of(
            "email", IdentifierType.EMAIL, "phone", IdentifierType.PHONE, "card", IdentifierType.CARD,
            "crm_id", IdentifierType.CRM_ID, "device", IdentifierType.DEVICE_ID);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ServingDb db;

    private BalanceApi(HttpServer server, ExecutorService executor, ServingDb db) {
        this.server = server;
        this.executor = executor;
        this.db = db;
    }

    /** Listens on {@code host:port} (port 0: any free one). */
    public static BalanceApi start(String host, int port, ServingDb db) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // Four workers: each request waits on PostgreSQL far longer than it computes.
        ExecutorService executor = Executors.newFixedThreadPool(4);
        BalanceApi api = new BalanceApi(server, executor, db);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("event=balance_api_started address={}:{}", host, api.port());
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:18089}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            ObjectNode body;
            try {
                body = answer(exchange);
            } catch (ApiError e) {
                status = e.status;
                body = error(e.getMessage());
                if (status == 405) {
                    exchange.getResponseHeaders().add("Allow", "GET");
                }
            } catch (SearchedIdentifier.InvalidIdentifier e) {
                status = 400;
                body = error(e.getMessage());
            } catch (SQLException e) {
                LOG.warn("event=balance_api_query_failed path={} reason={}", exchange.getRequestURI(), e.getMessage());
                status = 503;
                body = error("the serving database did not answer: " + e.getMessage());
            }
            respond(exchange, status, body);
        }
    }

    private ObjectNode answer(HttpExchange exchange) throws SQLException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw new ApiError(405, "this API is read-only: use GET");
        }
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals(List.of("health"))) {
            return health();
        }
        if (path.size() >= 3 && path.get(0).equals("programs")) {
            String program = path.get(1);
            if (path.size() == 3 && path.get(2).equals("lookup")) {
                SearchedIdentifier id = searched(query);
                return withReads(answers -> answers.lookup(program, id));
            }
            if (path.size() == 4 && path.get(2).equals("members")) {
                return withReads(answers -> answers.member(program, path.get(3)));
            }
            if (path.size() == 5 && path.get(2).equals("members") && path.get(4).equals("entries")) {
                int limit = limit(query.get("limit"));
                return withReads(answers -> answers.entries(program, path.get(3), limit));
            }
        }
        throw ApiError.notFound("no such endpoint: " + exchange.getRequestURI().getPath() + " (try /programs/{program}"
                + "/members/{member_id}, …/members/{member_id}/entries, /programs/{program}/lookup?email=…, /health)");
    }

    private interface Read {
        ObjectNode apply(MemberAnswers answers) throws SQLException;
    }

    private ObjectNode withReads(Read read) throws SQLException {
        try (Connection c = db.connect()) {
            c.setReadOnly(true);
            return read.apply(new MemberAnswers(new ServingReads(c)));
        }
    }

    private ObjectNode health() {
        ObjectNode body = EventJson.mapper().createObjectNode();
        try (Connection c = db.connect()) {
            boolean reachable = new ServingReads(c).reachable();
            return body.put("status", reachable ? "ok" : "degraded").put("serving_db", reachable);
        } catch (SQLException e) {
            throw new ApiError(503, "the serving database is not reachable: " + e.getMessage());
        }
    }

    /** Exactly one identifier parameter; {@code country} only beside {@code phone}. */
    private static SearchedIdentifier searched(Map<String, String> query) {
        List<String> given = new ArrayList<>();
        for (String key : query.keySet()) {
            if (LOOKUP_KEYS.containsKey(key)) {
                given.add(key);
            } else if (!key.equals("country")) {
                throw ApiError.badRequest("unknown parameter '" + key + "': look up by one of " + lookupKeys());
            }
        }
        if (given.size() != 1) {
            throw ApiError.badRequest("give exactly one identifier: one of " + lookupKeys() + " (got "
                    + (given.isEmpty() ? "none" : String.join(", ", given)) + ")");
        }
        IdentifierType type = LOOKUP_KEYS.get(given.get(0));
        String country = query.get("country");
        if (country != null && type != IdentifierType.PHONE) {
            throw ApiError.badRequest("country only applies to phone");
        }
        return SearchedIdentifier.normalise(type, query.get(given.get(0)), country);
    }

    private static String lookupKeys() {
        return "email, phone (with country), card, crm_id, device";
    }

    private static int limit(String raw) {
        if (raw == null) {
            return MemberAnswers.DEFAULT_ENTRIES;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MemberAnswers.MAX_ENTRIES) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("limit must be a whole number from 1 to " + MemberAnswers.MAX_ENTRIES + ", got '"
                + raw + "'");
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(decode(s));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.put(key, value) != null) {
                throw ApiError.badRequest("parameter '" + key + "' given twice");
            }
        }
        return params;
    }

    /** Percent-decoding only: a {@code +} stays a plus, as E.164 phone numbers need. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("malformed percent-encoding in '" + s + "'");
        }
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
}
