package dev.lexguard.gateway.protection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rate limits: 5 per minute per client IP on public auth routes, 30 per minute per user elsewhere (test
 * configuration). Client IPs come from X-Forwarded-For (the test client is a trusted proxy).
 */
@QuarkusTest
class RateLimitResourceTest {

    private static Response login(String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json").body("{}").post("/api/v1/auth/login");
    }

    @Test
    void publicAuthRoutesAreLimitedPerClientIp() {
        String ip = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            login(ip).then().statusCode(200).header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", Integer.toString(4 - i));
        }
        Response refused = login(ip);
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("RateLimit-Remaining", "0")
                .body("type", equalTo("https://lexguard.dev/problems/too-many-requests"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(1L, 60L);
        // another client is not affected
        login(randomNetwork64() + "1").then().statusCode(200);
    }

    /** {@code 2001:db8:<random>:<random>:}: a /64 of the documentation range no other test uses, open for a host part. */
    private static String randomNetwork64() {
        return "2001:db8:" + Integer.toHexString(1 + (int) (Math.random() * 65000)) + ":"
                + Integer.toHexString(1 + (int) (Math.random() * 65000)) + ":";
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() {
        // one host hands itself a new address of its /64 for every request (privacy addresses): the budget is the /64's
        String network = randomNetwork64();
        for (int i = 0; i < 5; i++) {
            login(network + "0:0:0:" + Integer.toHexString(i + 1)).then().statusCode(200);
        }
        login(network + "abcd:ef01:2345:6789").then().statusCode(429);
        login(randomNetwork64() + "0:0:0:1").then().statusCode(200);
    }

    @Test
    void otherRoutesAreLimitedPerUser() {
        UUID firm = UUID.randomUUID();
        String alice = Tokens.user(firm, UUID.randomUUID(), UUID.randomUUID());
        String bob = Tokens.user(firm, UUID.randomUUID(), UUID.randomUUID());
        // 30 at once, refilled at 30 a minute: the bucket lets a few more through while the loop runs
        int served = 0;
        long start = System.nanoTime();
        Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Response response = given().header("Authorization", "Bearer " + alice).get("/api/v1/users");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).isNotNull();
        long elapsedSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(served).isBetween(30, 31 + (int) (elapsedSeconds / 2));
        refused.then().contentType("application/problem+json").header("Retry-After", notNullValue());
        given().header("Authorization", "Bearer " + bob).get("/api/v1/users").then().statusCode(200)
                .header("RateLimit-Remaining", "29");
    }

    @Test
    void refusedTokensDoNotSpendTheUsersBudget() {
        given().header("Authorization", "Bearer garbage").get("/api/v1/users").then().statusCode(401)
                .header("RateLimit-Limit", nullValue());
    }
}
