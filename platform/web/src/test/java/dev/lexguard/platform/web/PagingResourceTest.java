package dev.lexguard.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagingResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPES = "https://lexguard.dev/problems/";

    private final UUID firm = UUID.randomUUID();
    private final String token = TestTokens.user(firm);

    @Test
    void cursorWalksThePagesToTheEnd() {
        String cursor = given().auth().oauth2(token).queryParam("limit", 3)
                .when().get("/test/matters")
                .then().statusCode(200)
                .body("items", contains("matter-1", "matter-2", "matter-3"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        String second = given().auth().oauth2(token).queryParam("limit", 3).queryParam("cursor", cursor)
                .when().get("/test/matters")
                .then().statusCode(200)
                .body("items", contains("matter-4", "matter-5", "matter-6"))
                .extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 3).queryParam("cursor", second)
                .when().get("/test/matters")
                .then().statusCode(200)
                .body("items", contains("matter-7"))
                .body("nextCursor", nullValue());
    }

    @Test
    void defaultLimitIsFifty() {
        given().auth().oauth2(token)
                .when().get("/test/matters")
                .then().statusCode(200)
                .body("items", hasSize(7))
                .body("nextCursor", nullValue());
    }

    @Test
    void tamperedCursorAnswers400InvalidCursor() {
        String cursor = firstCursor(token);
        char[] chars = cursor.toCharArray();
        int last = chars.length - 1;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        given().auth().oauth2(token).queryParam("cursor", new String(chars))
                .when().get("/test/matters")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-cursor"))
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void garbageCursorAnswers400InvalidCursor() {
        given().auth().oauth2(token).queryParam("cursor", "not a cursor at all!")
                .when().get("/test/matters")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-cursor"));
    }

    @Test
    void anotherFirmsCursorAnswers400InvalidCursor() {
        String otherFirmsCursor = firstCursor(TestTokens.user(UUID.randomUUID()));
        given().auth().oauth2(token).queryParam("cursor", otherFirmsCursor)
                .when().get("/test/matters")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-cursor"));
    }

    @Test
    void limitZeroAnswers400NamingLimit() {
        assertBadLimit("0");
    }

    @Test
    void limitAboveTwoHundredAnswers400NamingLimit() {
        assertBadLimit("500");
    }

    @Test
    void nonNumericLimitAnswers400NamingLimit() {
        assertBadLimit("ten");
    }

    @Test
    void limitOfTwoHundredIsAccepted() {
        given().auth().oauth2(token).queryParam("limit", 200)
                .when().get("/test/matters")
                .then().statusCode(200);
    }

    private void assertBadLimit(String limit) {
        given().auth().oauth2(token).queryParam("limit", limit)
                .when().get("/test/matters")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "validation-failed"))
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must be a whole number from 1 to 200"));
    }

    private static String firstCursor(String token) {
        return given().auth().oauth2(token).queryParam("limit", 2)
                .when().get("/test/matters")
                .then().statusCode(200)
                .extract().path("nextCursor");
    }
}
