package dev.lexguard.identity.devices;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.DeviceApp;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The phone's screen lock as the app reports it, and the firm's rule that requires one (issue 19). */
@QuarkusTest
class DeviceLockResourceTest {

    static final String PIN = "4827";
    static final String LOCK_REQUIRED = "https://lexguard.dev/problems/device-lock-required";
    static final String LOCK_MISSING = "dev.lexguard.identity.device.lockMissing";

    record Phone(String id, String credential, String refreshToken, String sessionId) {
    }

    static void policy(TestFirm firm, boolean pinRequired, boolean lockRequired) {
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("pinRequired", pinRequired, "maxPinAttempts", 5, "fullSignInDays", 30,
                        "deviceLockRequired", lockRequired))
                .put("/api/v1/devices/policy").then().statusCode(200).body("deviceLockRequired", equalTo(lockRequired));
    }

    static Map<String, Object> withLock(Map<String, Object> body, Object lock) {
        Map<String, Object> copy = new HashMap<>(body);
        if (lock != null) {
            copy.put("deviceLock", lock);
        }
        return copy;
    }

    static ValidatableResponse register(String accessToken, Object lock) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(withLock(Map.of("name", "Ada's Pixel", "platform", "android", "appVersion", "3.5.0"), lock))
                .post("/api/v1/devices").then();
    }

    /** A full sign-in and the registration of its device, reporting {@code lock}. */
    static Phone phone(TestFirm firm, Object lock) {
        ValidatableResponse signIn = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        ValidatableResponse registered = register(signIn.extract().path("accessToken"), lock).statusCode(201);
        return new Phone(registered.extract().path("device.id"), registered.extract().path("credential"),
                signIn.extract().path("refreshToken"), signIn.extract().path("sessionId"));
    }

    static ValidatableResponse unlock(String deviceId, String credential, Object lock) {
        return given().contentType(ContentType.JSON).header("X-Device-Credential", credential)
                .header("X-Forwarded-For", Fixtures.uniqueIp()).body(withLock(Map.of("pin", PIN), lock))
                .post("/api/v1/devices/" + deviceId + "/unlock").then();
    }

    static ValidatableResponse refresh(String refreshToken, Object lock) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(withLock(Map.of("refreshToken", refreshToken), lock)).post("/api/v1/auth/refresh").then();
    }

    static long sessionsOf(String deviceId) {
        return (Long) Db.row("select count(*) as n from session where device_id = ?", UUID.fromString(deviceId)).get("n");
    }

    @Test
    void underTheLockRuleAnUnlockWithoutAScreenLockGetsNoTokens() {
        TestFirm firm = Fixtures.firm();
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        policy(firm, true, true);

        unlock(device.id(), device.credential(), "none").statusCode(403)
                .body("type", equalTo(LOCK_REQUIRED))
                .body("detail", containsString("screen lock"))
                .body("accessToken", nullValue());
        unlock(device.id(), device.credential(), null).statusCode(403).body("type", equalTo(LOCK_REQUIRED));
        assertThat(sessionsOf(device.id())).isEqualTo(1L);
        Map<String, Object> row = Db.row("select device_lock, device_lock_reported_at, pin_failures, last_unlocked_at"
                + " from device where id = ?", UUID.fromString(device.id()));
        assertThat(row).containsEntry("device_lock", "none").containsEntry("pin_failures", 0);
        assertThat(row.get("device_lock_reported_at")).isNotNull();
        assertThat(row.get("last_unlocked_at")).isNull();

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode missing = topic.await(LOCK_MISSING, e -> e.path("subject").asText().equals(device.id())
                    && e.path("data").path("reported").asText().equals("none"));
            assertThat(missing.path("data").path("during").asText()).isEqualTo("unlock");
            assertThat(missing.path("data").path("userId").asText()).isEqualTo(firm.ownerId());
            topic.await(LOCK_MISSING, e -> e.path("subject").asText().equals(device.id())
                    && e.path("data").path("reported").isNull());
            assertThat(missing.toString()).doesNotContain(PIN).doesNotContain(device.credential());
        }

        unlock(device.id(), device.credential(), "passcode").statusCode(200).body("accessToken", notNullValue());
        assertThat(sessionsOf(device.id())).isEqualTo(2L);
        assertThat(Db.row("select device_lock from device where id = ?", UUID.fromString(device.id())))
                .containsEntry("device_lock", "passcode");
    }

    @Test
    void underTheLockRuleARefreshWithoutAScreenLockIsRefusedAndTheSessionIsNotRefreshed() {
        TestFirm firm = Fixtures.firm();
        policy(firm, false, true);
        Phone phone = phone(firm, "biometric");

        refresh(phone.refreshToken(), "none").statusCode(403)
                .body("type", equalTo(LOCK_REQUIRED))
                .body("refreshToken", nullValue());
        refresh(phone.refreshToken(), null).statusCode(403).body("type", equalTo(LOCK_REQUIRED));
        Map<String, Object> session = Db.row("select refreshed_at, ended_at from session where id = ?",
                UUID.fromString(phone.sessionId()));
        assertThat(session.get("refreshed_at")).isNull();
        assertThat(session.get("ended_at")).isNull();
        assertThat(Db.row("select count(*) as n from refresh_token where session_id = ?", UUID.fromString(phone.sessionId()))
                .get("n")).isEqualTo(1L);
        assertThat(Db.row("select device_lock from device where id = ?", UUID.fromString(phone.id())))
                .containsEntry("device_lock", "none");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode missing = topic.await(LOCK_MISSING, e -> e.path("subject").asText().equals(phone.id())
                    && e.path("data").path("during").asText().equals("refresh"));
            assertThat(missing.path("data").path("sessionId").asText()).isEqualTo(phone.sessionId());
            assertThat(missing.toString()).doesNotContain(phone.refreshToken());
        }

        // the refusal did not use the token up: once the phone is locked the same token refreshes
        refresh(phone.refreshToken(), "passcode").statusCode(200).body("refreshToken", notNullValue());
        assertThat(Db.row("select refreshed_at from session where id = ?", UUID.fromString(phone.sessionId()))
                .get("refreshed_at")).isNotNull();
    }

    @Test
    void underTheLockRuleAPhoneWithoutAScreenLockIsNotRegistered() {
        TestFirm firm = Fixtures.firm();
        policy(firm, true, true);
        ValidatableResponse signIn = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        String access = signIn.extract().path("accessToken");
        String sessionId = signIn.extract().path("sessionId");

        register(access, null).statusCode(403).body("type", equalTo(LOCK_REQUIRED)).body("credential", nullValue());
        register(access, "none").statusCode(403).body("type", equalTo(LOCK_REQUIRED));
        assertThat(Db.row("select count(*) as n from device where user_id = ?", UUID.fromString(firm.ownerId())).get("n"))
                .isEqualTo(0L);
        assertThat(Db.row("select cast(device_id as text) as d from session where id = ?", UUID.fromString(sessionId))
                .get("d")).isNull();
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode missing = topic.await(LOCK_MISSING, e -> e.path("data").path("sessionId").asText().equals(sessionId)
                    && e.path("data").path("during").asText().equals("registration"));
            assertThat(missing.path("data").path("deviceId").isNull()).isTrue();
        }

        register(access, "biometric").statusCode(201)
                .body("device.deviceLock", equalTo("biometric"))
                .body("device.deviceLockReportedAt", notNullValue());
    }

    @Test
    void withoutTheRuleEveryReportWorksAndTheDeviceListShowsTheLastOne() {
        TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices/policy").then().statusCode(200)
                .body("deviceLockRequired", equalTo(false));
        policy(firm, false, false);
        Phone phone = phone(firm, "passcode");
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices").then().statusCode(200)
                .body("items.find { it.id == '" + phone.id() + "' }.deviceLock", equalTo("passcode"))
                .body("items.find { it.id == '" + phone.id() + "' }.deviceLockReportedAt", notNullValue());

        String next = refresh(phone.refreshToken(), "none").statusCode(200).extract().path("refreshToken");
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices?scope=firm").then().statusCode(200)
                .body("items.find { it.id == '" + phone.id() + "' }.deviceLock", equalTo("none"));
        // no report leaves the last one standing
        refresh(next, null).statusCode(200);
        assertThat(Db.row("select device_lock from device where id = ?", UUID.fromString(phone.id())))
                .containsEntry("device_lock", "none");

        Phone silent = phone(firm, null);
        given().auth().oauth2(firm.accessToken()).get("/api/v1/devices").then().statusCode(200)
                .body("items.find { it.id == '" + silent.id() + "' }.deviceLock", nullValue());

        policy(firm, false, true);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.devicepolicy.changed", e -> e.path("subject").asText().equals(firm.firmId())
                    && e.path("data").path("deviceLockRequired").asBoolean());
        }
    }

    @Test
    void badLockValuesAreAClearProblem() {
        TestFirm firm = Fixtures.firm();
        ValidatableResponse signIn = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        register(signIn.extract().path("accessToken"), "fingerprint").statusCode(400)
                .body("errors.field", hasItem(containsString("deviceLock")));
        register(signIn.extract().path("accessToken"), true).statusCode(400);
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);
        unlock(device.id(), device.credential(), "PASSCODE").statusCode(400);
        unlock(device.id(), device.credential(), 42).statusCode(400);
        refresh(device.refreshToken(), "yes").statusCode(400);
        given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("pinRequired", true, "maxPinAttempts", 5, "fullSignInDays", 30, "deviceLockRequired", "maybe"))
                .put("/api/v1/devices/policy").then().statusCode(400);
        // a refused value reached nothing: no failure counted, no report stored
        assertThat(Db.row("select device_lock, pin_failures from device where id = ?", UUID.fromString(device.id())))
                .containsEntry("device_lock", null).containsEntry("pin_failures", 0);
        refresh(device.refreshToken(), "passcode").statusCode(200);
    }

    @Test
    void anotherFirmsDeviceIsNotFoundAndItsRuleDoesNotReachOtherFirms() {
        TestFirm firm = Fixtures.firm();
        TestFirm strict = Fixtures.firm();
        policy(strict, true, true);
        DeviceApp.Device device = DeviceApp.withPin(firm.ownerEmail(), firm.password(), PIN);

        given().auth().oauth2(strict.accessToken()).get("/api/v1/devices?scope=firm").then().statusCode(200)
                .body("items.id", not(hasItem(device.id())));
        given().auth().oauth2(strict.accessToken()).post("/api/v1/devices/" + device.id() + "/sign-out").then()
                .statusCode(404);
        unlock(device.id(), device.credential(), "none").statusCode(200);
    }
}
