package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.lexguard.gateway.testsupport.TestUpstreams;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code /console/**} goes to the console without a token (its pages sign people in), with the path, the cookie and
 * the form unchanged; the console's own Content-Security-Policy and session cookie come back as it set them, and the
 * gateway adds only the security headers the console left out. Nothing else is the console's.
 */
@QuarkusTest
class ConsoleRouteTest {

    @Test
    void consolePagesReachTheConsoleWithoutAToken() {
        given().cookie("lexguard_console", "abc").get("/console/sessions").then().statusCode(200)
                .body("service", equalTo("console")).body("uri", equalTo("/console/sessions"))
                .body("headers.cookie", hasItem("lexguard_console=abc"))
                .body("headers.x-forwarded-for", hasItem("127.0.0.1"));
        given().get("/console").then().statusCode(200).body("service", equalTo("console")).body("uri", equalTo("/console"));
        given().contentType("application/x-www-form-urlencoded").formParam("csrf", "t").formParam("email", "a@b.example")
                .post("/console/sign-in").then().statusCode(200).body("service", equalTo("console"))
                .body("method", equalTo("POST")).body("bodyBytes", not(equalTo(0)));
    }

    @Test
    void theConsolesOwnPolicyAndCookieComeBackAndTheGatewayAddsTheRest() {
        given().get("/console/sign-in").then().statusCode(200)
                .header("Content-Security-Policy", TestUpstreams.CONSOLE_POLICY)
                .header("Set-Cookie", "lexguard_console=abc; Path=/console; HttpOnly; SameSite=Strict")
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void onlyTheConsolesPathsAreTheConsoles() {
        given().get("/consoles").then().statusCode(404);
        given().get("/console-admin/x").then().statusCode(404);
        // a dot segment cannot walk from the console's public paths into the API
        given().urlEncodingEnabled(false).get("/console/../api/v1/users").then().statusCode(400);
        given().get("/api/v1/users").then().statusCode(401);
    }
}
