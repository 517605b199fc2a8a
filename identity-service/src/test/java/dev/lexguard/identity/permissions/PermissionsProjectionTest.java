package dev.lexguard.identity.permissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** permissions-service's events, published to lexguard.permissions.events, feed the token's groups and the 2FA policy. */
@QuarkusTest
class PermissionsProjectionTest {

    private static void awaitConsumed(UUID eventId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> EventsProducer.consumed(PermissionsEventsConsumer.CONSUMER, eventId));
    }

    private static UUID permissions(TestFirm firm, String userId, List<String> granted, boolean owner) {
        return EventsProducer.permissions("accountpermissions.changed", firm.firmId(), userId, firm.ownerId(),
                Map.of("userId", userId, "permissions", granted, "previousPermissions", List.of(),
                        "directPermissions", granted, "roleIds", List.of(), "owner", owner));
    }

    private static JsonNode claimsOf(String email, String password) {
        String token = Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200).extract().path("accessToken");
        return Jwts.claims(token);
    }

    private static List<String> groups(JsonNode claims) {
        return StreamSupport.stream(claims.path("groups").spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void tokensCarryTheProjectedAccountPermissions() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        assertThat(groups(claimsOf(firm.ownerEmail(), firm.password()))).containsExactly("administrator");
        assertThat(groups(claimsOf(member.email(), member.password()))).isEmpty();

        permissions(firm, firm.ownerId(), List.of("administrator", "billing", "reporting", "accounts"), true);
        awaitConsumed(permissions(firm, member.userId(), List.of("billing", "reporting"), false));
        assertThat(groups(claimsOf(member.email(), member.password()))).containsExactlyInAnyOrder("billing", "reporting");
        assertThat(groups(claimsOf(firm.ownerEmail(), firm.password())))
                .containsExactlyInAnyOrder("administrator", "billing", "reporting", "accounts");
        // the user as shown says the same
        given().auth().oauth2(member.accessToken()).get("/api/v1/me").then().statusCode(200)
                .body("permissions", contains("billing", "reporting"));
        given().auth().oauth2(firm.accessToken()).get("/api/v1/users/" + member.userId()).then().statusCode(200)
                .body("permissions", contains("billing", "reporting"));
        List<Map<String, Object>> listed = given().auth().oauth2(firm.accessToken()).get("/api/v1/users").then()
                .statusCode(200).extract().path("items");
        assertThat(listed).filteredOn(u -> u.get("id").equals(firm.ownerId())).extracting(u -> u.get("permissions"))
                .containsExactly(List.of("accounts", "administrator", "billing", "reporting"));
        // a refresh picks up a change too
        awaitConsumed(permissions(firm, member.userId(), List.of(), false));
        String refreshed = Fixtures.refresh(member.refreshToken()).statusCode(200).extract().path("accessToken");
        assertThat(groups(Jwts.claims(refreshed))).isEmpty();
        assertThat(Jwts.claims(refreshed).path("auth_time").asLong()).isPositive();
    }

    @Test
    void anotherFirmsEventsDoNotTouchThisFirm() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        awaitConsumed(EventsProducer.permissions("accountpermissions.changed", other.firmId(), firm.ownerId(),
                other.ownerId(), Map.of("userId", firm.ownerId(), "permissions", List.of("billing"),
                        "previousPermissions", List.of(), "directPermissions", List.of("billing"), "roleIds", List.of(),
                        "owner", false)));
        assertThat(groups(claimsOf(firm.ownerEmail(), firm.password()))).containsExactly("administrator");
    }

    private static List<String> turnOnTwoFactor(String accessToken) {
        String secret = given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200).extract().path("recoveryCodes");
    }

    @Test
    void anAdministratorWhoIsNotTheOwnerCannotResetTheOwnersTwoFactor() {
        TestFirm firm = Fixtures.firm();
        Member admin = Fixtures.member(firm);
        permissions(firm, firm.ownerId(), List.of("administrator"), true);
        awaitConsumed(permissions(firm, admin.userId(), List.of("administrator"), false));
        turnOnTwoFactor(firm.accessToken());
        turnOnTwoFactor(admin.accessToken());
        // the member's access token predates the projection; a refresh mints one with administrator in groups
        String access = Fixtures.refresh(admin.refreshToken()).statusCode(200).extract().path("accessToken");
        assertThat(groups(Jwts.claims(access))).containsExactly("administrator");
        given().auth().oauth2(Jwts.steppedUp(access)).post("/api/v1/two-factor/users/" + firm.ownerId() + "/reset").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/owner-protected"));
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));

        // once ownership passes to them, they may
        awaitConsumed(EventsProducer.permissions("ownership.transferred", firm.firmId(), firm.firmId(), firm.ownerId(),
                Map.of("previousOwnerId", firm.ownerId(), "ownerId", admin.userId())));
        given().auth().oauth2(Jwts.steppedUp(access)).post("/api/v1/two-factor/users/" + firm.ownerId() + "/reset").then().statusCode(204);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void theFirmsTwoFactorPolicyCanCoverOnlyChosenGroups() {
        TestFirm firm = Fixtures.firm();
        Member inGroup = Fixtures.member(firm);
        Member outside = Fixtures.member(firm);
        String group = UUID.randomUUID().toString();
        awaitConsumed(EventsProducer.permissions("groupmember.added", firm.firmId(), group, firm.ownerId(),
                Map.of("groupId", group, "userId", inGroup.userId())));
        given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).contentType(ContentType.JSON)
                .body(Map.of("required", true, "graceDays", 0, "groupIds", List.of(group)))
                .put("/api/v1/two-factor/policy").then().statusCode(200)
                .body("groupIds[0]", equalTo(group));
        given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).contentType(ContentType.JSON)
                .body(Map.of("required", true, "graceDays", 0, "groupIds", List.of("not-a-uuid")))
                .put("/api/v1/two-factor/policy").then().statusCode(400);
        given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).contentType(ContentType.JSON)
                .body(Map.of("required", true, "graceDays", 0, "groupIds", "one group"))
                .put("/api/v1/two-factor/policy").then().statusCode(400);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode changed = topic.await("dev.lexguard.identity.twofactor.policyChanged",
                    e -> e.path("subject").asText().equals(firm.firmId()));
            assertThat(changed.path("data").path("groupIds").toString()).isEqualTo("[\"" + group + "\"]");
        }
        Fixtures.login(inGroup.email(), inGroup.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_enrollment_required"));
        Fixtures.login(outside.email(), outside.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
        ValidatableResponse status = given().auth().oauth2(firm.accessToken()).get("/api/v1/two-factor/users?limit=200")
                .then().statusCode(200);
        List<Map<String, Object>> items = status.extract().path("items");
        assertThat(items).filteredOn(i -> i.get("userId").equals(inGroup.userId())).extracting(i -> i.get("state"))
                .containsExactly("overdue");
        assertThat(items).filteredOn(i -> i.get("userId").equals(outside.userId())).extracting(i -> i.get("state"))
                .containsExactly("not_enrolled");

        // leaving the group lifts the requirement
        awaitConsumed(EventsProducer.permissions("groupmember.removed", firm.firmId(), group, firm.ownerId(),
                Map.of("groupId", group, "userId", inGroup.userId())));
        Fixtures.login(inGroup.email(), inGroup.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }
}
