package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.gateway.testsupport.TestUpstreams;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that are down or slow: quick 502/503/504 problems, a circuit breaker per upstream, retries
 * only for idempotent requests. feed-service is down in the tests; sign-ins has a 500 ms route timeout.
 */
@QuarkusTest
class UpstreamFailureTest {

    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.E+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            boolean all = true;
            for (String label : labels.split(",")) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void downUpstreamAnswers502QuicklyThenTheCircuitOpens() {
        String token = Tokens.user();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            Response response = given().header("Authorization", "Bearer " + token).get("/api/v1/feed/firm");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
            assertThat(response.contentType()).startsWith("application/problem+json");
            statuses.add(response.statusCode());
        }
        assertThat(statuses.get(0)).isIn(502, 503);
        assertThat(statuses).contains(503);
        given().header("Authorization", "Bearer " + token).get("/api/v1/feed/firm").then().statusCode(503)
                .header("Retry-After", "5")
                .body("type", equalTo("https://lexguard.dev/problems/service-unavailable"))
                .body("instance", equalTo("/api/v1/feed/firm"));
        assertThat(metric("lexguard_gateway_circuit_open", "upstream=\"feed\"")).isEqualTo(1.0);
    }

    @Test
    void onlyIdempotentRequestsAreRetried() {
        String token = Tokens.user();
        double before = metric("lexguard_gateway_upstream_retries_total", "upstream=\"feed\"");
        Response post = given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .post("/api/v1/feed/x");
        assertThat(post.statusCode()).isIn(502, 503);
        double afterPost = metric("lexguard_gateway_upstream_retries_total", "upstream=\"feed\"");
        assertThat(afterPost).isEqualTo(before);
        // the circuit may be open from another test: then nothing is attempted at all, so wait for a probe
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            given().header("Authorization", "Bearer " + token).get("/api/v1/feed/x").then().statusCode(502);
            assertThat(metric("lexguard_gateway_upstream_retries_total", "upstream=\"feed\"")).isGreaterThan(afterPost);
        });
    }

    @Test
    void slowUpstreamAnswers504AfterTheRouteTimeout() {
        long start = System.nanoTime();
        given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/sign-ins/slow").then()
                .statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/gateway-timeout"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the upstream answers after 3 s: anything earlier is the gateway's 500 ms timeout
        assertThat(millis).isBetween(400L, 2900L);
        assertThat(metric("lexguard_gateway_upstream_failures_total", "upstream=\"sessions\",kind=\"timeout\""))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void upstreamsOwnErrorsPassThroughUnchanged() {
        given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/permissions/status-503").then()
                .statusCode(503).body("service", equalTo("permissions"));
        assertThat(TestUpstreams.hits("permissions", "/api/v1/permissions/status-503")).isGreaterThanOrEqualTo(1);
    }
}
