package dev.lexguard.console.pages;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server in the test playing some of the gateway's endpoints (the console's tests have no gateway): it
 * refuses, as the gateway does, any request without the access token of {@link SignedInSessions}, and answers the
 * rest as its subclass says, from the services' documented answers.
 */
abstract class PlayedGateway implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "Bearer an-access-token-the-gateway-never-sees-in-these-tests";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!TOKEN.equals(request.getHeader("Authorization"))) {
                problem(request.response(), 401,
                        "{\"type\":\"https://lexguard.dev/problems/unauthorized\",\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            answer(request);
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test gateway did not start", e);
        }
        return Map.of("lexguard.console.gateway-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Answers a request that carried the token (recorded by the subclass before it answers, if it records). */
    abstract void answer(HttpServerRequest request);

    static void json(HttpServerResponse response, String body) {
        response.putHeader("Content-Type", "application/json").end(body);
    }

    static void problem(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body);
    }
}
