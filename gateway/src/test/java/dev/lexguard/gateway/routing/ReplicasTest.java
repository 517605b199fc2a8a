package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * permissions-service as two replicas: two real HTTP servers on their own ports, each answering with its own name,
 * behind one comma-separated upstream URL. Each test starts from both replicas running and leaves them so.
 */
@QuarkusTest
@TestProfile(ReplicasTest.TwoPermissionsReplicas.class)
class ReplicasTest {

    private static final int PORT_A = freePort();
    private static final int PORT_B = freePort();
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static Vertx vertx;
    private static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();
    private String token;

    /** Two replicas of permissions-service; a one-second down mark so that the tests need not wait long. */
    public static class TwoPermissionsReplicas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexguard.gateway.upstreams.permissions.url",
                    "http://127.0.0.1:" + PORT_A + ",http://127.0.0.1:" + PORT_B,
                    "lexguard.gateway.upstreams.permissions.instance-down-for", "1s",
                    "lexguard.gateway.upstreams.permissions.breaker.max-failures", "50",
                    "lexguard.gateway.ratelimit.user.requests", "100000");
        }
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void bothReplicasRun() {
        token = Tokens.user();
        start("a", PORT_A);
        start("b", PORT_B);
        // a replica stopped by another test may still be marked down for up to a second; polled on this thread so
        // that no request of a timed-out poll can reach the next test's counts
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(get("/api/v1/permissions/who").jsonPath().getString("instance"));
            }
            return seen.contains("a") && seen.contains("b");
        });
        HITS.clear();
    }

    @Test
    void requestsAlternateBetweenReplicas() {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Response response = get("/api/v1/permissions/who");
            assertThat(response.statusCode()).isEqualTo(200);
            answeredBy.add(response.jsonPath().getString("instance"));
        }
        for (int i = 1; i < answeredBy.size(); i++) {
            assertThat(answeredBy.get(i)).as("answers %s", answeredBy).isNotEqualTo(answeredBy.get(i - 1));
        }
        assertThat(hits("a")).isEqualTo(5);
        assertThat(hits("b")).isEqualTo(5);
    }

    @Test
    void everyGetAnswersFromTheRunningReplicaWhenOneIsStopped() {
        stop("b");
        for (int i = 0; i < 10; i++) {
            Response response = get("/api/v1/permissions/who");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.jsonPath().getString("instance")).isEqualTo("a");
        }
        assertThat(hits("a")).isEqualTo(10);
    }

    @Test
    void aPostWhoseConnectionWasRefusedGoesToTheOtherReplica() {
        stop("b");
        for (int i = 0; i < 4; i++) {
            Response response = given().header("Authorization", "Bearer " + token)
                    .contentType("application/json").body("{}").post("/api/v1/permissions/who");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.jsonPath().getString("instance")).isEqualTo("a");
            assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
        }
        assertThat(hits("a")).isEqualTo(4);
    }

    @Test
    void aReplicasServerErrorIsPassedOnNotRetried() {
        Response response = get("/api/v1/permissions/status-500");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(hits("a") + hits("b")).isEqualTo(1);
    }

    @Test
    void allReplicasDownAnswersTheGatewaysProblem() {
        stop("a");
        stop("b");
        for (int i = 0; i < 3; i++) {
            Response response = get("/api/v1/permissions/who");
            assertThat(response.statusCode()).isIn(502, 503);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private Response get(String path) {
        return given().header("Authorization", "Bearer " + token).get(path);
    }

    private static int hits(String instance) {
        AtomicInteger count = HITS.get(instance);
        return count == null ? 0 : count.get();
    }

    private static void start(String name, int port) {
        if (SERVERS.containsKey(name)) {
            return;
        }
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            HITS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            int status = request.path().endsWith("/status-500") ? 500 : 200;
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end("{\"instance\":\"" + name + "\",\"method\":\"" + request.method().name() + "\"}");
        }));
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start replica " + name, e);
        }
        SERVERS.put(name, server);
    }

    private static void stop(String name) {
        HttpServer server = SERVERS.remove(name);
        if (server != null) {
            // closing the server also closes the gateway's kept-alive connections to it: the next request must connect
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
