package dev.lexguard.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real HTTP servers standing in for the five services, started by the tests: identity serves the JWKS, every
 * service serves an OpenAPI document and echoes what it received (method, URI, headers, body size, counted
 * while streaming). Special paths: {@code .../slow} answers after 3 s, {@code .../status-503} answers 503,
 * {@code .../download?bytes=N} streams N bytes with back-pressure (chunked; with {@code &length=known} under a
 * Content-Length), {@code .../event-stream?eventAfter=MS} answers {@code text/event-stream} with its status and
 * headers at once (as feed-service does), then one event after MS milliseconds (default 2000) and then nothing,
 * holding the stream open until the other side closes it. feed-service is down (nothing listens). The console answers
 * like its pages do: its own Content-Security-Policy and a session cookie.
 */
public class TestUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final List<String> RUNNING = List.of("identity", "permissions", "sharing", "sessions", "console");
    public static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> KEYS = new ConcurrentHashMap<>();
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    private static final AtomicLong DOWNLOAD_WRITTEN = new AtomicLong();
    private static final AtomicLong UPLOAD_RECEIVED = new AtomicLong();
    private static final AtomicReference<HttpServerRequest> PAUSED_UPLOAD = new AtomicReference<>();
    private static final AtomicInteger OPEN_EVENT_STREAMS = new AtomicInteger();

    private Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();

    /** Publishes another signing key, as identity-service does when it rotates. */
    public static void publish(String kid, KeyPair pair) {
        KEYS.put(kid, TestKeys.jwk(kid, pair));
    }

    /** Withdraws a signing key, as identity-service does when a key is retired or compromised. */
    public static void withdraw(String kid) {
        KEYS.remove(kid);
    }

    public static int jwksFetches() {
        return JWKS_FETCHES.get();
    }

    /** Requests a service received for a path. */
    public static int hits(String service, String path) {
        AtomicInteger count = HITS.get(service + " " + path);
        return count == null ? 0 : count.get();
    }

    /** Bytes the last {@code .../download} has written so far (the gateway only takes what it can pass on). */
    public static long downloadWritten() {
        return DOWNLOAD_WRITTEN.get();
    }

    /** {@code .../event-stream} answers still open on the upstream's side. */
    public static int openEventStreams() {
        return OPEN_EVENT_STREAMS.get();
    }

    /** Bytes of the last {@code .../paused-upload} read so far. */
    public static long uploadReceived() {
        return UPLOAD_RECEIVED.get();
    }

    /** Starts reading the paused upload. */
    public static void resumeUpload() {
        HttpServerRequest request = PAUSED_UPLOAD.get();
        if (request != null) {
            request.resume();
        }
    }

    @Override
    public Map<String, String> start() {
        publish(TestKeys.KID_A, TestKeys.A);
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : RUNNING) {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(service, request));
            try {
                server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the " + service + " test server", e);
            }
            servers.add(server);
            config.put("lexguard.gateway.upstreams." + service + ".url", "http://127.0.0.1:" + server.actualPort());
        }
        config.put("lexguard.gateway.upstreams.feed.url", "http://127.0.0.1:" + freePort());
        config.put("lexguard.gateway.upstreams.sharing.max-body-size", "300M");
        config.put("lexguard.gateway.routes.sign-ins.timeout", "500ms");
        config.put("lexguard.gateway.trusted-proxies", "127.0.0.1/32");
        config.put("lexguard.gateway.ratelimit.public-auth.requests", "5");
        config.put("lexguard.gateway.ratelimit.user.requests", "30");
        config.put("lexguard.gateway.tokens.jwks-min-refresh-interval", "2s");
        config.put("quarkus.http.cors.origins", "https://app.lexguard.test");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void handle(String service, HttpServerRequest request) {
        String path = request.path();
        HITS.computeIfAbsent(service + " " + path, k -> new AtomicInteger()).incrementAndGet();
        HttpServerResponse response = request.response();
        if ("identity".equals(service) && "/.well-known/jwks.json".equals(path)) {
            JWKS_FETCHES.incrementAndGet();
            json(response, 200, Map.of("keys", new ArrayList<>(KEYS.values())));
            return;
        }
        if ("/q/openapi".equals(path)) {
            json(response, 200, openApi(service));
            return;
        }
        if ("identity".equals(service) && path.matches("/api/v1/(auth|portal-auth)/logout")) {
            // a sign-out identity accepts (204) or refuses (the status the test asks for)
            response.setStatusCode(Integer.parseInt(request.getHeader("X-Test-Status") == null ? "204"
                    : request.getHeader("X-Test-Status"))).end();
            return;
        }
        if (path.endsWith("/status-503")) {
            json(response, 503, Map.of("service", service));
            return;
        }
        if (path.endsWith("/download")) {
            long bytes = Long.parseLong(request.getParam("bytes", "1048576"));
            DOWNLOAD_WRITTEN.set(0);
            if ("known".equals(request.getParam("length"))) {
                response.putHeader("Content-Length", Long.toString(bytes));
            } else {
                response.setChunked(true);
            }
            response.putHeader("Content-Type", "application/octet-stream");
            stream(response, Buffer.buffer(new byte[64 * 1024]), bytes);
            return;
        }
        if (path.endsWith("/event-stream")) {
            long after = Long.parseLong(request.getParam("eventAfter", "2000"));
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("X-Stream", "opened");
            OPEN_EVENT_STREAMS.incrementAndGet();
            response.closeHandler(closed -> OPEN_EVENT_STREAMS.decrementAndGet());
            response.writeHead();
            vertx.setTimer(after, id -> {
                if (!response.closed()) {
                    response.write("id: 1\nevent: entry\ndata: {\"n\":1}\n\n");
                }
            });
            return;
        }
        long[] received = new long[1];
        boolean paused = path.endsWith("/paused-upload");
        if (paused) {
            UPLOAD_RECEIVED.set(0);
            request.pause();
            PAUSED_UPLOAD.set(request);
        }
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (paused) {
                UPLOAD_RECEIVED.addAndGet(chunk.length());
            }
        });
        request.endHandler(v -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", service);
            echo.put("method", request.method().name());
            echo.put("uri", request.uri());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(), k -> new ArrayList<>())
                    .add(h.getValue()));
            echo.put("headers", headers);
            echo.put("bodyBytes", received[0]);
            if ("console".equals(service)) {
                response.putHeader("Content-Security-Policy", CONSOLE_POLICY)
                        .putHeader("Set-Cookie", "lexguard_console=abc; Path=/console; HttpOnly; SameSite=Strict");
            }
            if (path.endsWith("/slow")) {
                vertx.setTimer(3000, id -> json(response, 200, echo));
            } else {
                json(response, 200, echo);
            }
        });
    }

    private static void stream(HttpServerResponse response, Buffer chunk, long remaining) {
        while (remaining > 0 && !response.writeQueueFull()) {
            int n = (int) Math.min(chunk.length(), remaining);
            response.write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
            DOWNLOAD_WRITTEN.addAndGet(n);
            remaining -= n;
        }
        if (remaining <= 0) {
            response.end();
            return;
        }
        long left = remaining;
        response.drainHandler(v -> stream(response, chunk, left));
    }

    private static Map<String, Object> openApi(String service) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", service + "-service").put("version", "1.0");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode op = paths.putObject("/api/v1/" + service + "-things").putObject("get");
        op.put("operationId", service + "List");
        op.putArray("tags").add(service);
        // every service has a PolicyRequest of its own, as sessions-service and sharing-service do
        op.putObject("responses").putObject("200").put("description", "ok").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/PolicyRequest");
        if ("identity".equals(service)) {
            // a public operation, and one the gateway lets through but the service secures itself
            paths.putObject("/api/v1/auth/login").putObject("post").putObject("responses").putObject("200")
                    .put("description", "signed in");
            ObjectNode logout = paths.putObject("/api/v1/portal-auth/logout").putObject("post");
            logout.putArray("security").addObject().putArray("bearerAuth");
            logout.putObject("responses").putObject("204").put("description", "signed out");
        }
        paths.putObject("/q/health").putObject("get").putObject("responses").putObject("200").put("description", "up");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        schemas.putObject("Problem").put("type", "object");
        schemas.putObject(service + "Thing").put("type", "object");
        schemas.putObject("PolicyRequest").put("type", "object").put("description", "the " + service + " policy");
        doc.putArray("tags").addObject().put("name", service);
        return JSON.convertValue(doc, Map.class);
    }

    private static void json(HttpServerResponse response, int status, Object body) {
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (IOException e) {
            response.setStatusCode(500).end();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
