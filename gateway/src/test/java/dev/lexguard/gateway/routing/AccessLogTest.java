package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One structured access line per request, with who, where and how it ended, and never a token or query. */
@QuarkusTest
class AccessLogTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("dev.lexguard.gateway.access").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("dev.lexguard.gateway.access").removeHandler(capture);
    }

    private ExtLogRecord lineFor(String requestId) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> records.stream().anyMatch(r -> requestId.equals(r.getMdc("requestId"))));
        return records.stream().filter(r -> requestId.equals(r.getMdc("requestId"))).findFirst().orElseThrow();
    }

    @Test
    void forwardedRequestIsLoggedWithRouteStatusAndCaller() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String token = Tokens.user(firm, user, UUID.randomUUID());
        String requestId = "log-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + token).header("X-Request-Id", requestId)
                .header("X-Forwarded-For", "203.0.113.40")
                .get("/api/v1/groups/7?access_token=" + token + "&q=secret-search").then().statusCode(200);
        ExtLogRecord line = lineFor(requestId);
        Map<String, String> mdc = line.getMdcCopy();
        assertThat(mdc).containsEntry("method", "GET").containsEntry("path", "/api/v1/groups/7")
                .containsEntry("route", "groups").containsEntry("upstream", "permissions")
                .containsEntry("status", "200").containsEntry("clientIp", "203.0.113.40")
                .containsEntry("firmId", firm.toString()).containsEntry("actorId", user.toString())
                .containsEntry("outcome", "forwarded");
        assertThat(Double.parseDouble(mdc.get("durationMs"))).isPositive();
        assertThat(line.getFormattedMessage())
                .matches("GET /api/v1/groups/7 200 \\d+\\.\\d{2}ms route=groups outcome=forwarded");
        String everything = line.getFormattedMessage() + mdc;
        assertThat(everything).doesNotContain(token).doesNotContain("secret-search").doesNotContain("Bearer");
    }

    @Test
    void durationsAreWrittenWithTwoDecimals() {
        assertThat(GatewayRoutes.millis(0)).isEqualTo("0.00");
        assertThat(GatewayRoutes.millis(1_234_567)).isEqualTo("1.23");
        assertThat(GatewayRoutes.millis(1_235_000)).isEqualTo("1.24");
        assertThat(GatewayRoutes.millis(50_000)).isEqualTo("0.05");
        assertThat(GatewayRoutes.millis(12_000_000_000L)).isEqualTo("12000.00");
    }

    @Test
    void refusedRequestIsLoggedWithItsReason() {
        String requestId = "log-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + Tokens.userWith(c -> c.put("iss", "https://evil.example")))
                .header("X-Request-Id", requestId).get("/api/v1/groups").then().statusCode(401);
        ExtLogRecord line = lineFor(requestId);
        assertThat(line.getMdcCopy()).containsEntry("status", "401").containsEntry("outcome", "issuer");
        assertThat(line.getMdcCopy()).doesNotContainKey("firmId");
    }
}
