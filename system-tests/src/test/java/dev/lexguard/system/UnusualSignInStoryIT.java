package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 4: a user signs in from London, then from Changchun ten minutes' flight away; sessions-service flags the
 * second; the administrator ends it; the gateway refuses its access token within a second and identity its
 * refresh token, while the London session keeps working.
 */
@ExtendWith(TheSystem.class)
class UnusualSignInStoryIT {

    @Test
    void anImpossibleJourneyIsFlaggedAndEndingItLocksTheSessionOutEverywhere() throws Exception {
        Firm firm = Firm.signUp("Story Four LLP");
        UUID uma = firm.person("uma", "Uma User");
        Map<String, String> london = Firm.login(firm.email("uma"), "81.2.69.142");
        Map<String, String> changchun = Firm.login(firm.email("uma"), "175.16.199.0");

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                TheSystem.as(firm.ownerToken()).queryParam("userId", uma.toString()).queryParam("unusual", true)
                        .get("/api/v1/sessions").then().statusCode(200)
                        .body("items.id", hasItem(changchun.get("sessionId")))
                        .body("items.find { it.id == '" + changchun.get("sessionId") + "' }.unusualReasons", hasItem("impossible_travel"))
                        .body("items.find { it.id == '" + changchun.get("sessionId") + "' }.location.city", org.hamcrest.Matchers.equalTo("Changchun")));
        TheSystem.as(changchun.get("accessToken")).get("/api/v1/me").then().statusCode(200);

        TheSystem.as(firm.ownerToken()).delete("/api/v1/sessions/" + changchun.get("sessionId")).then().statusCode(204);
        Instant ended = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(25))
                .until(() -> TheSystem.as(changchun.get("accessToken")).get("/api/v1/me").statusCode() == 401);
        assertThat(Duration.between(ended, Instant.now())).isLessThan(Duration.ofSeconds(1));
        TheSystem.as(changchun.get("accessToken")).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> TheSystem.gateway()
                .body(Map.of("refreshToken", changchun.get("refreshToken"))).post("/api/v1/auth/refresh").statusCode() == 401);
        TheSystem.as(london.get("accessToken")).get("/api/v1/me").then().statusCode(200);
        TheSystem.gateway().body(Map.of("refreshToken", london.get("refreshToken"))).post("/api/v1/auth/refresh")
                .then().statusCode(200);
        assertThat(List.of(london.get("sessionId"))).doesNotContain(changchun.get("sessionId"));
    }
}
