package dev.lexguard.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The mobile app's side, for tests outside the devices package: full sign-in, registration, PIN, unlock. */
public final class DeviceApp {

    private DeviceApp() {
    }

    public record Device(String id, String credential, String accessToken, String refreshToken, String sessionId) {
    }

    /** A full sign-in and the registration of the device on that session. */
    public static Device registered(String email, String password) {
        ValidatableResponse signIn = Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200);
        String access = signIn.extract().path("accessToken");
        ValidatableResponse registration = given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("name", "Pixel 9", "platform", "android", "appVersion", "3.4.1"))
                .post("/api/v1/devices").then().statusCode(201);
        return new Device(registration.extract().path("device.id"), registration.extract().path("credential"), access,
                signIn.extract().path("refreshToken"), signIn.extract().path("sessionId"));
    }

    /** A full sign-in with the password and the TOTP {@code code}, and the registration of the device on that session. */
    public static Device registered(String email, String password, String code) {
        String challengeToken = Fixtures.login(email, password, Fixtures.uniqueIp()).statusCode(200)
                .extract().path("challengeToken");
        ValidatableResponse signIn = given().contentType(ContentType.JSON)
                .body(Map.of("challengeToken", challengeToken, "code", code))
                .post("/api/v1/auth/login/two-factor").then().statusCode(200);
        String access = signIn.extract().path("accessToken");
        ValidatableResponse registration = given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("name", "Pixel 9 Pro", "platform", "android", "appVersion", "3.4.1"))
                .post("/api/v1/devices").then().statusCode(201);
        return new Device(registration.extract().path("device.id"), registration.extract().path("credential"), access,
                signIn.extract().path("refreshToken"), signIn.extract().path("sessionId"));
    }

    /** The same, and the PIN set from that session. */
    public static Device withPin(String email, String password, String pin) {
        Device device = registered(email, password);
        given().auth().oauth2(device.accessToken()).contentType(ContentType.JSON).body(Map.of("pin", pin))
                .put("/api/v1/devices/" + device.id() + "/pin").then().statusCode(204);
        return device;
    }

    public static ValidatableResponse unlock(Device device, String pin) {
        return given().contentType(ContentType.JSON).header("X-Device-Credential", device.credential())
                .header("X-Forwarded-For", Fixtures.uniqueIp()).body(Map.of("pin", pin))
                .post("/api/v1/devices/" + device.id() + "/unlock").then();
    }
}
