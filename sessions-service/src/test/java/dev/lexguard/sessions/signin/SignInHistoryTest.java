package dev.lexguard.sessions.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sign-in history: successes and failures with reasons, the user's own and the firm's. */
@QuarkusTest
class SignInHistoryTest {

    private static JsonPath awaitHistory(TestFirm firm, String query, int size) {
        JsonPath[] seen = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = firm.asAdmin().get("/api/v1/sign-ins" + query).then().statusCode(200).extract().jsonPath();
            return seen[0].getList("items").size() == size;
        });
        return seen[0];
    }

    @Test
    void failuresAreKeptWithTheirReasonNextToSuccesses() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        EventsProducer.signInFailed(firm.firmId(), user, "bea@firm.example", "wrong_password", EventsProducer.LINKOPING);
        EventsProducer.signInFailed(firm.firmId(), null, "nobody@firm.example", "unknown_account", "2001:218::9");
        JsonPath all = awaitHistory(firm, "", 3);
        assertThat(all.getList("items.outcome")).containsExactly("failed", "failed", "succeeded");

        JsonPath failed = awaitHistory(firm, "?outcome=failed&userId=" + user, 1);
        assertThat(failed.getString("items[0].failureReason")).isEqualTo("wrong_password");
        assertThat(failed.getString("items[0].email")).isEqualTo("bea@firm.example");
        assertThat(failed.getString("items[0].location.countryCode")).isEqualTo("SE");
        assertThat(failed.getString("items[0].device.deviceType")).isEqualTo("mobile");

        awaitHistory(firm, "?ip=2001:218::/32", 1);
        awaitHistory(firm, "?country=GB&outcome=succeeded", 1);

        firm.as(user, session).get("/api/v1/sign-ins/mine").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].failureReason", equalTo("wrong_password"))
                .body("items[1].sessionId", equalTo(session.toString()));
        firm.as(user, session).get("/api/v1/sign-ins/mine?outcome=succeeded").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void theFirmsHistoryIsForAdministratorsAndFiltersAreChecked() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID session = firm.session(user, EventsProducer.LONDON, Instant.now());
        firm.as(user, session).get("/api/v1/sign-ins").then().statusCode(403);
        firm.asAdmin().get("/api/v1/sign-ins?outcome=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        firm.asAdmin().get("/api/v1/sign-ins?ip=1.2.3.4/40").then().statusCode(400)
                .body("errors[0].field", equalTo("ip"));
        firm.as(user, session).get("/api/v1/sign-ins/mine?outcome=maybe").then().statusCode(400);
        Fixtures.firm().asAdmin().get("/api/v1/sign-ins?userId=" + user).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void unusualOnlyAndPaging() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        firm.session(user, EventsProducer.LONDON, start);
        UUID far = firm.session(user, EventsProducer.CHANGCHUN, start.plus(Duration.ofMinutes(5)));
        firm.session(user, EventsProducer.CHANGCHUN, start.plus(Duration.ofMinutes(6)));
        JsonPath unusual = awaitHistory(firm, "?unusual=true", 1);
        assertThat(unusual.getString("items[0].sessionId")).isEqualTo(far.toString());
        assertThat(unusual.getDouble("items[0].speedKmh")).isGreaterThan(900);

        JsonPath first = firm.asAdmin().get("/api/v1/sign-ins?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        String cursor = first.getString("nextCursor");
        List<String> rest = firm.asAdmin().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/sign-ins")
                .then().statusCode(200).body("nextCursor", equalTo(null)).extract().jsonPath().getList("items.id");
        assertThat(rest).hasSize(1).doesNotContainAnyElementsOf(first.getList("items.id"));
        // a cursor of the sessions list is not a sign-in position
        String sessionsCursor = firm.asAdmin().get("/api/v1/sessions?limit=1").then().statusCode(200).extract().path("nextCursor");
        firm.asAdmin().queryParam("cursor", sessionsCursor).get("/api/v1/sign-ins").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
    }
}
