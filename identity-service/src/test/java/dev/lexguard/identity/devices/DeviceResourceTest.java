package dev.lexguard.identity.devices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.DeviceApp;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeviceResourceTest {

    static final String PIN = "4827";

    record Registered(String id, String credential) {
    }

    static ValidatableResponse register(String accessToken, Map<String, Object> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body).post("/api/v1/devices").then();
    }

    static Registered registered(String accessToken) {
        ValidatableResponse answer = register(accessToken, Map.of("name", "Ada's iPhone", "platform", "ios",
                "appVersion", "3.4.1")).statusCode(201);
        return new Registered(answer.extract().path("device.id"), answer.extract().path("credential"));
    }

    static ValidatableResponse setPin(String accessToken, String deviceId, String pin) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("pin", pin))
                .put("/api/v1/devices/" + deviceId + "/pin").then();
    }

    static ValidatableResponse unlock(String deviceId, String credential, String pin) {
        return given().contentType(ContentType.JSON).header("X-Device-Credential", credential)
                .header("X-Forwarded-For", Fixtures.uniqueIp()).body(Map.of("pin", pin))
                .post("/api/v1/devices/" + deviceId + "/unlock").then();
    }

    static void policy(TestFirm firm, boolean pinRequired, int attempts, int days) {
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("pinRequired", pinRequired, "maxPinAttempts", attempts, "fullSignInDays", days))
                .put("/api/v1/devices/policy").then().statusCode(200).body("maxPinAttempts", equalTo(attempts));
    }

    @Test
    void registeringSettingThePinAndUnlockingGivesPinTokensOnTheDevice() {
        TestFirm firm = Fixtures.firm();
        register(firm.accessToken(), Map.of("name", " Ada's  iPhone ", "platform", "ios", "appVersion", "3.4.1"))
                .statusCode(201)
                .header("Location", containsString("/api/v1/devices/"))
                .header("Cache-Control", "no-store")
                .body("device.name", equalTo("Ada's iPhone"))
                .body("device.status", equalTo("active"))
                .body("device.pinSet", equalTo(false))
                .body("pinRequired", equalTo(true))
                .body("credential", containsString("lgd_"));
        ValidatableResponse signIn = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        String deviceAccess = signIn.extract().path("accessToken");
        Registered device = registered(deviceAccess);
        assertThat(Db.row("select cast(device_id as text) as d from session where id = ?",
                UUID.fromString(signIn.extract().path("sessionId"))).get("d")).isEqualTo(device.id());
        Map<String, Object> row = Db.row("select credential_hash, pin_hash, status from device where id = ?",
                UUID.fromString(device.id()));
        assertThat((byte[]) row.get("credential_hash")).hasSize(32);
        assertThat(row.get("pin_hash")).isNull();

        setPin(deviceAccess, device.id(), "1234").statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/weak-pin"))
                .body("errors[0].field", equalTo("pin"));
        setPin(deviceAccess, device.id(), PIN).statusCode(204);
        assertThat(Db.row("select pin_hash from device where id = ?", UUID.fromString(device.id())).get("pin_hash")
                .toString()).startsWith("$argon2id$").doesNotContain(PIN);

        ValidatableResponse unlocked = unlock(device.id(), device.credential(), PIN).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("authenticated"));
        String access = unlocked.extract().path("accessToken");
        JsonNode claims = Jwts.claims(access);
        assertThat(claims.path("amr").toString()).isEqualTo("[\"pin\"]");
        assertThat(claims.path("sub").asText()).isEqualTo(firm.ownerId());
        assertThat(claims.path("auth_time").asLong()).isBetween(claims.path("iat").asLong() - 5, claims.path("iat").asLong());
        String sessionId = unlocked.extract().path("sessionId");
        assertThat(Db.row("select cast(device_id as text) as d, amr from session where id = ?", UUID.fromString(sessionId)))
                .containsEntry("d", device.id()).containsEntry("amr", "pin");
        given().auth().oauth2(access).get("/api/v1/me").then().statusCode(200);

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode started = topic.await("dev.lexguard.identity.session.started",
                    e -> e.path("subject").asText().equals(sessionId));
            assertThat(started.path("data").path("deviceId").asText()).isEqualTo(device.id());
            topic.await("dev.lexguard.identity.device.unlocked", e -> e.path("subject").asText().equals(device.id())
                    && e.path("data").path("sessionId").asText().equals(sessionId));
            List<JsonNode> deviceEvents = topic.forFirm(firm.firmId()).stream()
                    .filter(e -> e.path("type").asText().startsWith("dev.lexguard.identity.device.")).toList();
            assertThat(deviceEvents).extracting(e -> e.path("type").asText()).contains(
                    "dev.lexguard.identity.device.registered", "dev.lexguard.identity.device.pinSet",
                    "dev.lexguard.identity.device.unlocked");
            assertThat(deviceEvents.toString()).doesNotContain(PIN).doesNotContain(device.credential());
        }
    }

    @Test
    void wrongPinsAreCountedAndTheFirmsLimitWipesTheDevice() {
        TestFirm firm = Fixtures.firm();
        policy(firm, true, 3, 30);
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        unlock(device.id(), device.credential(), "9315").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-pin"))
                .body("detail", containsString("2 attempts left"));
        unlock(device.id(), device.credential(), "9316").statusCode(401)
                .body("detail", containsString("1 attempt left"));
        unlock(device.id(), device.credential(), "9317").statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/device-wiped"));

        Map<String, Object> row = Db.row("select credential_hash, status, pin_failures from device where id = ?",
                UUID.fromString(device.id()));
        assertThat(row.get("credential_hash")).isNull();
        assertThat(row).containsEntry("status", "wiped").containsEntry("pin_failures", 3);
        assertThat(Db.row("select count(*) as n from session where device_id = ? and ended_at is null",
                UUID.fromString(device.id())).get("n")).isEqualTo(0L);
        // the right PIN no longer helps, and the device's refresh token is dead
        unlock(device.id(), device.credential(), PIN).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-device-credential"));
        Fixtures.refresh(device.refreshToken()).statusCode(401);

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode wiped = topic.await("dev.lexguard.identity.device.wiped", e -> e.path("subject").asText().equals(device.id()));
            assertThat(wiped.path("data").path("failedAttempts").asInt()).isEqualTo(3);
            assertThat(wiped.path("data").path("sessionsEnded").asInt()).isEqualTo(1);
            JsonNode ended = topic.await("dev.lexguard.identity.session.ended",
                    e -> e.path("subject").asText().equals(device.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("device_wiped");
            assertThat(ended.path("data").path("deviceId").asText()).isEqualTo(device.id());
            List<JsonNode> failures = topic.forFirm(firm.firmId()).stream()
                    .filter(e -> e.path("type").asText().equals("dev.lexguard.identity.device.pinFailed")).toList();
            assertThat(failures).extracting(e -> e.path("data").path("attemptsLeft").asInt()).containsExactly(2, 1, 0);
            // the wrong PINs are nowhere in the events: no field carries one (a substring check of the whole envelope
            // would trip over ids and addresses that happen to hold the same four digits)
            for (JsonNode failure : failures) {
                List<String> fields = new ArrayList<>();
                failure.path("data").fieldNames().forEachRemaining(fields::add);
                assertThat(fields).containsExactlyInAnyOrder("deviceId", "userId", "failedAttempts", "attemptsLeft", "clientIp");
                failure.path("data").elements().forEachRemaining(value ->
                        assertThat(value.asText()).isNotIn("9315", "9316", "9317"));
            }
        }
        // a full sign-in still works; a new registration is a new device
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("authenticated"));
    }

    @Test
    void withTwoFactorOnlyTheCompletedSecondStepRegistersAndAfterAWipeItIsNeededAgain() {
        TestFirm firm = Fixtures.firm();
        policy(firm, true, 3, 30);
        String secret = given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200);

        String challenge = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required")).extract().path("challengeToken");
        // the challenge is no access token: the password alone registers nothing
        register(challenge, Map.of("name", "Phone", "platform", "ios", "appVersion", "1.0")).statusCode(401);
        String access = given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("challengeToken", challenge, "code", TotpCodes.at(secret, 1)))
                .post("/api/v1/auth/login/two-factor").then().statusCode(200).extract().path("accessToken");
        Registered device = registered(access);
        setPin(access, device.id(), PIN).statusCode(204);
        for (String wrong : List.of("9315", "9316", "9317")) {
            unlock(device.id(), device.credential(), wrong).statusCode(401);
        }
        unlock(device.id(), device.credential(), PIN).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-device-credential"));
        // back in only through the password and the second factor
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200)
                .body("status", equalTo("two_factor_required"));
    }

    @Test
    void aRightPinResetsTheWrongPinCount() {
        TestFirm firm = Fixtures.firm();
        policy(firm, true, 3, 30);
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        unlock(device.id(), device.credential(), "9315").statusCode(401);
        unlock(device.id(), device.credential(), "9316").statusCode(401);
        unlock(device.id(), device.credential(), PIN).statusCode(200);
        unlock(device.id(), device.credential(), "9317").statusCode(401).body("detail", containsString("2 attempts left"));
    }

    @Test
    void thePinStopsUnlockingWhenTheFullSignInIntervalHasPassed() {
        TestFirm firm = Fixtures.firm();
        policy(firm, true, 5, 7);
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        unlock(device.id(), device.credential(), PIN).statusCode(200);
        Db.update("update device set full_sign_in_at = full_sign_in_at - interval '7 days 1 minute' where id = ?",
                UUID.fromString(device.id()));
        unlock(device.id(), device.credential(), PIN).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/full-sign-in-required"))
                .body("detail", containsString("every 7 days"));
        // refused before the PIN is checked: no wrong-PIN count
        assertThat(Db.row("select pin_failures from device where id = ?", UUID.fromString(device.id())).get("pin_failures"))
                .isEqualTo(0);
    }

    @Test
    void aLostDeviceIsSignedOutRemotelyAndItsSessionsEndAtOnce() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Member other = Fixtures.member(firm);
        DeviceApp.Device device = DeviceApp.withPin(member.email(), member.password(), PIN);
        given().auth().oauth2(member.accessToken()).get("/api/v1/devices").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(device.id()))
                .body("items[0].pinSet", equalTo(true));
        given().auth().oauth2(other.accessToken()).get("/api/v1/devices").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(other.accessToken()).get("/api/v1/devices?scope=firm").then().statusCode(403);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices?scope=firm").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(device.id()));
        // another user of the firm cannot see it, let alone sign it out
        given().auth().oauth2(other.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then().statusCode(404);

        given().auth().oauth2(firm.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then().statusCode(204);
        assertThat(Db.row("select status, credential_hash from device where id = ?", UUID.fromString(device.id())))
                .containsEntry("status", "signed_out").containsEntry("credential_hash", null);
        Fixtures.refresh(device.refreshToken()).statusCode(401);
        unlock(device.id(), device.credential(), PIN).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-device-credential"));
        given().auth().oauth2(firm.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/device-not-active"));
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode signedOut = topic.await("dev.lexguard.identity.device.signedOut",
                    e -> e.path("subject").asText().equals(device.id()));
            assertThat(signedOut.path("data").path("by").asText()).isEqualTo("administrator");
            assertThat(signedOut.path("actorid").asText()).isEqualTo(firm.ownerId());
            assertThat(signedOut.path("data").path("userId").asText()).isEqualTo(member.userId());
            JsonNode ended = topic.await("dev.lexguard.identity.session.ended",
                    e -> e.path("subject").asText().equals(device.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("device_signed_out");
        }
        given().auth().oauth2(member.accessToken()).get("/api/v1/devices").then().statusCode(200)
                .body("items[0].status", equalTo("signed_out")).body("items[0].fullSignInDueAt", nullValue());
    }

    @Test
    void aUserSignsOutTheirOwnDevice() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        DeviceApp.Device device = DeviceApp.withPin(member.email(), member.password(), PIN);
        given().auth().oauth2(member.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then().statusCode(204);
        try (IdentityTopic topic = new IdentityTopic()) {
            assertThat(topic.await("dev.lexguard.identity.device.signedOut", e -> e.path("subject").asText().equals(device.id()))
                    .path("data").path("by").asText()).isEqualTo("user");
        }
    }

    @Test
    void withThePinRequiredADeviceWithoutOneCannotRefresh() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device bare = DeviceApp.registered(firm.ownerEmail(), firm.password());
        Fixtures.refresh(bare.refreshToken()).statusCode(401);

        TestFirm relaxed = Fixtures.firm();
        policy(relaxed, false, 5, 30);
        DeviceApp.Device device = DeviceApp.registered(relaxed.ownerEmail(), relaxed.password());
        Fixtures.refresh(device.refreshToken()).statusCode(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            assertThat(topic.await("dev.lexguard.identity.session.refreshed",
                    e -> e.path("subject").asText().equals(device.sessionId())).path("data").path("deviceId").asText())
                    .isEqualTo(device.id());
            JsonNode changed = topic.await("dev.lexguard.identity.devicepolicy.changed",
                    e -> e.path("subject").asText().equals(relaxed.firmId()));
            assertThat(changed.path("data").path("appLockRequired").asBoolean()).isFalse();
        }
    }

    @Test
    void aDevicePolicyChangeCarriesThePreviousValuesOfExactlyTheChangedFields() {
        TestFirm firm = Fixtures.firm();
        policy(firm, false, 5, 30);
        policy(firm, false, 7, 14);
        try (IdentityTopic topic = new IdentityTopic()) {
            // from the defaults (app PIN required, 5 attempts, 30 days) only the PIN rule changed
            JsonNode first = topic.await("dev.lexguard.identity.devicepolicy.changed",
                    e -> e.path("subject").asText().equals(firm.firmId()) && e.at("/data/maxUnlockAttempts").asInt() == 5);
            assertThat(first.at("/data/previous").size()).isEqualTo(1);
            assertThat(first.at("/data/previous/appLockRequired").asBoolean()).isTrue();
            JsonNode second = topic.await("dev.lexguard.identity.devicepolicy.changed",
                    e -> e.path("subject").asText().equals(firm.firmId()) && e.at("/data/maxUnlockAttempts").asInt() == 7);
            assertThat(second.at("/data/previous").size()).isEqualTo(2);
            assertThat(second.at("/data/previous/maxUnlockAttempts").asInt()).isEqualTo(5);
            assertThat(second.at("/data/previous/fullSignInDays").asInt()).isEqualTo(30);
            assertThat(second.at("/data/fullSignInDays").asInt()).isEqualTo(14);
        }
    }

    @Test
    void onlyAFullSignInSessionRegistersAndOnlyOnce() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        String pinAccess = unlock(device.id(), device.credential(), PIN).statusCode(200).extract().path("accessToken");
        register(pinAccess, Map.of("name", "Second", "platform", "android", "appVersion", "1.0")).statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/full-sign-in-required"));
        setPin(pinAccess, device.id(), "9315").statusCode(403);
        register(device.accessToken(), Map.of("name", "Again", "platform", "ios", "appVersion", "1.0")).statusCode(409);
        // a PIN can be set only from a session on that device
        setPin(firm.accessToken(), device.id(), "9315").statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/device-session-required"));
    }

    @Test
    void badInputIsAClearProblem() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        register(firm.accessToken(), Map.of("name", "Phone", "platform", "windows", "appVersion", "1.0")).statusCode(400)
                .body("errors[0].field", equalTo("platform"));
        register(firm.accessToken(), Map.of("platform", "ios", "appVersion", "1.0")).statusCode(400);
        register(firm.accessToken(), Map.of("name", "Phone", "platform", "ios", "appVersion", "1.0; drop")).statusCode(400)
                .body("errors[0].field", equalTo("appVersion"));
        register(firm.accessToken(), Map.of("name", "Phone\u202e", "platform", "ios", "appVersion", "1.0")).statusCode(400);
        register(firm.accessToken(), Map.of("name", 42, "platform", "ios", "appVersion", "1.0")).statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "Phone", "platform", "ios", "appVersion", "1.0"))
                .post("/api/v1/devices").then().statusCode(401);

        DeviceApp.Device device = DeviceApp.withPin(other.ownerEmail(), other.password(), PIN);
        unlock(device.id(), device.credential(), "12a4").statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        setPin(device.accessToken(), device.id(), "\u0661\u0662\u0663\u0664").statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        setPin(device.accessToken(), device.id(), "48270").statusCode(400);
        unlock(device.id(), "lgd_forged", PIN).statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-device-credential"));
        given().contentType(ContentType.JSON).body(Map.of("pin", PIN)).post("/api/v1/devices/" + device.id() + "/unlock")
                .then().statusCode(401);
        unlock(UUID.randomUUID().toString(), device.credential(), PIN).statusCode(401);
        unlock("not-a-uuid", device.credential(), PIN).statusCode(404);
        given().auth().oauth2(firm.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then().statusCode(404);
        setPin(firm.accessToken(), device.id(), "9315").statusCode(404);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices?scope=everyone").then().statusCode(400);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices?cursor=garbage").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("pinRequired", true, "maxPinAttempts", 2, "fullSignInDays", 30))
                .put("/api/v1/devices/policy").then().statusCode(400);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices/policy").then().statusCode(200)
                .body("pinRequired", equalTo(true)).body("maxPinAttempts", equalTo(5)).body("fullSignInDays", equalTo(30));
        Member member = Fixtures.member(firm);
        given().auth().oauth2(member.accessToken()).get("/api/v1/devices/policy").then().statusCode(403);
    }

    @Test
    void devicesArePagedInRegistrationOrder() {
        TestFirm firm = Fixtures.firm();
        for (int i = 0; i < 3; i++) {
            DeviceApp.registered(firm.ownerEmail(), firm.password());
        }
        ValidatableResponse first = given().auth().oauth2(firm.accessToken()).get("/api/v1/devices?limit=2").then()
                .statusCode(200).body("items", hasSize(2));
        String cursor = first.extract().path("nextCursor");
        given().auth().oauth2(firm.accessToken()).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/devices")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
    }
}
