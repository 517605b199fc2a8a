package dev.lexguard.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestIdResourceTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void safeClientRequestIdIsEchoedAndReachesTheMdcOnTheWorkerThread() {
        given().header("X-Request-Id", "gw-1.2_3-abc")
                .when().get("/test/request-id")
                .then().statusCode(200)
                .header("X-Request-Id", equalTo("gw-1.2_3-abc"))
                .body("mdc", equalTo("gw-1.2_3-abc"))
                .body("header", equalTo("gw-1.2_3-abc"));
    }

    @Test
    void hostileClientRequestIdIsReplacedEverywhere() {
        String hostile = "abc\", \"admin\": true} <script>";
        Response response = given().header("X-Request-Id", hostile).when().get("/test/request-id");
        String id = response.header("X-Request-Id");
        assertNotEquals(hostile, id);
        response.then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN))
                .body("mdc", equalTo(id))
                .body("header", equalTo(id));
    }

    @Test
    void overlongClientRequestIdIsReplaced() {
        given().header("X-Request-Id", "a".repeat(65))
                .when().get("/test/request-id")
                .then().header("X-Request-Id", matchesPattern(UUID_PATTERN));
    }

    @Test
    void missingRequestIdIsAssignedAndDiffersPerRequest() {
        String first = given().when().get("/test/request-id").header("X-Request-Id");
        String second = given().when().get("/test/request-id").header("X-Request-Id");
        assertNotEquals(first, second);
        assertEquals(36, first.length());
    }

    @Test
    void requestIdIsOnResponsesOutsideJaxRs() {
        given().header("X-Request-Id", "health-check-7")
                .when().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Request-Id", equalTo("health-check-7"));
        given().header("X-Request-Id", "lost-8")
                .when().get("/nowhere")
                .then().statusCode(404)
                .header("X-Request-Id", equalTo("lost-8"))
                .body("requestId", equalTo("lost-8"));
    }
}
