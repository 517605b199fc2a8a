package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prometheus metrics per route and upstream, and readiness that includes revocations and keys. */
@QuarkusTest
class MetricsResourceTest {

    @Test
    void requestsAreCountedPerRouteUpstreamAndStatus() {
        given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/groups/1").then().statusCode(200);
        given().header("Authorization", "Bearer nope").get("/api/v1/groups/1").then().statusCode(401);
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        given().header("Authorization", "Bearer " + Tokens.unsigned(Tokens.header("none", null), claims))
                .get("/api/v1/groups/1").then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "lexguard_gateway_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"groups\"[^}]*status=\"200\"[^}]*upstream=\"permissions\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern(
                "lexguard_gateway_rejections_total\\{[^}]*reason=\"malformed\"[^}]*route=\"groups\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern(
                "lexguard_gateway_rejections_total\\{[^}]*reason=\"algorithm\"[^}]*route=\"groups\"[^}]*\\} [1-9]");
        assertThat(metrics).contains("lexguard_gateway_requests_seconds_bucket");
        assertThat(metrics).containsPattern("lexguard_gateway_revocation_poll_age_seconds [0-9.]+");
        assertThat(metrics).containsPattern("lexguard_gateway_revocation_entries [0-9.]+");
        assertThat(metrics).doesNotContain("Bearer");
    }

    @Test
    void readinessReportsRevocationsAndKeys() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'lexguard-gateway' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'lexguard-gateway' }.data.revocations",
                        equalTo("loaded"));
    }
}
