package dev.lexguard.gateway.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.gateway.testsupport.TestKeys;
import dev.lexguard.gateway.testsupport.Tokens;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The service behind the proxies in the gateway benchmark (a program, not a test; see docs/benchmarks.md):
 * a Vert.x HTTP server that answers every {@code /api/v1/...} GET with a small JSON document, like a service's
 * read endpoint, and serves the JWKS at {@code /.well-known/jwks.json} so the gateway can verify the
 * benchmark's token. Writes an RS256 access token (valid for an hour) to the file named by the second
 * argument.
 *
 * <pre>java -cp ... dev.lexguard.gateway.benchmark.BenchmarkUpstream PORT TOKEN_FILE</pre>
 */
public final class BenchmarkUpstream extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String jwks;
    private final String body;

    private BenchmarkUpstream(int port, String jwks, String body) {
        this.port = port;
        this.jwks = jwks;
        this.body = body;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path tokenFile = Path.of(args[1]);
        String jwks = JSON.writeValueAsString(Map.of("keys", List.of(TestKeys.jwk(TestKeys.KID_A, TestKeys.A))));
        String body = JSON.writeValueAsString(Map.of(
                "id", UUID.randomUUID().toString(), "name", "Matter 2026-0042 Smith v. Jones",
                "status", "open", "createdAt", "2026-11-29T12:00:00Z",
                "permissions", List.of("read", "write")));
        String token = Tokens.userWith(c -> c.put("exp", Instant.now().getEpochSecond() + 600));
        Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
        Vertx vertx = Vertx.vertx();
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(() -> new BenchmarkUpstream(port, jwks, body), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("BENCHMARK_UPSTREAM_READY port=" + port);
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer().requestHandler(request -> {
            if ("/.well-known/jwks.json".equals(request.path())) {
                request.response().putHeader("Content-Type", "application/json").end(jwks);
            } else if ("/q/openapi".equals(request.path())) {
                request.response().setStatusCode(404).end();
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body);
            }
        }).listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
    }
}
