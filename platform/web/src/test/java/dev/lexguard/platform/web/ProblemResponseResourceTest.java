package dev.lexguard.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponseResourceTest {

    @TestHTTPResource("/test/widgets")
    URL widgets;

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPES = "https://lexguard.dev/problems/";

    @Test
    void invalidFieldsAnswer400NamingEachField() {
        given().contentType("application/json")
                .body("{\"name\":\" \",\"quantity\":11,\"parts\":[{\"code\":\"a\"},{\"code\":\"\"}]}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo(TYPES + "validation-failed"))
                .body("title", equalTo("Validation failed"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/test/widgets"))
                .body("requestId", notNullValue())
                .body("errors.field", containsInAnyOrder("name", "quantity", "parts[1].code"))
                .body("errors.message", hasSize(3));
    }

    @Test
    void malformedJsonAnswers400() {
        given().contentType("application/json").body("{\"name\": \"x\", ")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "malformed-json"))
                .body("detail", not(containsString("Unexpected")))
                .body("requestId", notNullValue());
    }

    @Test
    void unknownJsonFieldAnswers400NamingIt() {
        given().contentType("application/json").body("{\"name\":\"x\",\"quantity\":1,\"firmId\":\"evil\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "unknown-field"))
                .body("errors[0].field", equalTo("firmId"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void wronglyTypedJsonFieldAnswers400NamingIt() {
        given().contentType("application/json").body("{\"name\":\"x\",\"quantity\":1,\"dueAt\":\"next tuesday\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-field"))
                .body("errors[0].field", equalTo("dueAt"));
    }

    @Test
    void aNulCharacterInAnyTextAnswers400NamingTheField() {
        // PostgreSQL cannot store U+0000 in text: let through, every such field was a 500
        given().contentType("application/json").body("{\"name\":\"x\\u0000y\",\"quantity\":1}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-field"))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"))
                .body("detail", not(containsString("\u0000")));
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"quantity\":1,\"parts\":[{\"code\":\"a\"},{\"code\":\"\\u0000\"}]}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("type", equalTo(TYPES + "invalid-field"))
                .body("errors[0].field", equalTo("parts[1].code"));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID())).urlEncodingEnabled(false).queryParam("limit", "5%00")
                .when().get("/test/matters")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-field"))
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        given().urlEncodingEnabled(false).when().get("/test/problems/a%00b")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "invalid-field"))
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void validBodyStillWorksAndDatesAreIsoStrings() {
        given().contentType("application/json").body("{\"name\":\"x\",\"quantity\":2,\"dueAt\":\"2026-12-01T10:15:30Z\"}")
                .when().post("/test/widgets")
                .then().statusCode(200)
                .contentType("application/json")
                .body("dueAt", equalTo("2026-12-01T10:15:30Z"));
    }

    @Test
    void wrongMediaTypeAnswers415() {
        given().contentType("text/plain").body("name=x")
                .when().post("/test/widgets")
                .then().statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "unsupported-media-type"))
                .body("status", equalTo(415));
    }

    @Test
    void absentMediaTypeAnswers415() {
        given().body("{\"name\":\"x\",\"quantity\":1}".getBytes())
                .when().post("/test/widgets")
                .then().statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "unsupported-media-type"));
    }

    @Test
    void unacceptableAcceptAnswers406() {
        given().accept("application/xml")
                .when().get("/test/request-id")
                .then().statusCode(406)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "not-acceptable"));
    }

    @Test
    void wrongMethodAnswers405() {
        given().when().delete("/test/widgets")
                .then().statusCode(405)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "method-not-allowed"));
    }

    @Test
    void unknownPathAnswers404() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo(TYPES + "not-found"))
                .body("instance", equalTo("/no/such/path"));
    }

    @Test
    void unknownPathUnderAResourceAnswers404() {
        given().when().get("/test/widgets/nothing/here")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "not-found"));
    }

    @Test
    void notFoundProblemAnswers404NotFoundOrNotYours() {
        given().when().get("/test/problems/not-found")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "not-found"))
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("Not found or not yours"))
                .body("errors", nullValue());
    }

    @Test
    void conflictProblemAnswers409WithItsSlug() {
        given().when().get("/test/problems/conflict")
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "email-taken"))
                .body("detail", equalTo("That email is already in use"));
    }

    @Test
    void businessRuleProblemAnswers422() {
        given().when().get("/test/problems/business-rule")
                .then().statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "last-administrator"));
    }

    @Test
    void tooManyRequestsProblemAnswers429WithRetryAfterRoundedUp() {
        given().when().get("/test/problems/too-many")
                .then().statusCode(429)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", equalTo("30"))
                .body("type", equalTo(TYPES + "too-many-requests"));
    }

    @Test
    void forbiddenProblemAnswers403() {
        given().when().get("/test/problems/forbidden")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "forbidden"));
    }

    @Test
    void badRequestProblemAnswers400() {
        given().when().get("/test/problems/bad-request")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "bad-date-range"));
    }

    @Test
    void unexpectedErrorAnswers500WithOnlyTheRequestId() {
        Response response = given().header("X-Request-Id", "boom-1234")
                .when().get("/test/boom")
                .then().statusCode(500)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", equalTo("boom-1234"))
                .body("type", equalTo(TYPES + "internal-error"))
                .body("requestId", equalTo("boom-1234"))
                .extract().response();
        String body = response.asString();
        for (String leak : Arrays.asList("SELECT", "IllegalStateException", "dev.lexguard", "java.", "\tat ",
                "Secret")) {
            assertFalse(body.contains(leak), () -> "500 body leaks '" + leak + "': " + body);
        }
    }

    @Test
    void redirectsPassThroughUntouched() {
        given().redirects().follow(false)
                .when().get("/test/redirect")
                .then().statusCode(303)
                .header("Location", endsWith("/test/request-id"));
    }

    @Test
    void anotherServicesErrorBecomes500NotItsStatus() {
        given().when().get("/test/downstream-failure")
                .then().statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(TYPES + "internal-error"));
    }

    @Test
    void oversizedBodyAnswers413ProblemBeforeJaxRs() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) 'a');
        Response response = given().contentType("application/json").body(twoMegabytes)
                .header("X-Request-Id", "big-body-1")
                .when().post("/test/widgets");
        assertEquals(413, response.statusCode());
        assertEquals(PROBLEM_JSON, response.contentType());
        assertEquals("big-body-1", response.header("X-Request-Id"));
        assertEquals(TYPES + "payload-too-large", response.jsonPath().getString("type"));
        assertEquals("big-body-1", response.jsonPath().getString("requestId"));
    }

    @Test
    void oversizedChunkedBodyAnswers413Problem() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) ' ');
        HttpResponse<String> response = postChunked(twoMegabytes);
        assertEquals(413, response.statusCode());
        assertEquals(PROBLEM_JSON, response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(response.body().contains("\"type\":\"" + TYPES + "payload-too-large\""), response.body());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(response.body().contains("\"requestId\":\"" + requestId + "\""), response.body());
    }

    @Test
    void smallChunkedBodyIsStillRead() throws Exception {
        HttpResponse<String> response = postChunked("{\"name\":\"chunked\",\"quantity\":3}".getBytes());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"name\":\"chunked\""), response.body());
    }

    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        // an input stream publisher has no length, so the JDK client sends Transfer-Encoding: chunked
        HttpRequest request = HttpRequest.newBuilder(widgets.toURI())
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unexpectedErrorIsLoggedWithItsStackTraceAndRequestId() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.lexguard.platform.web");
        logger.addHandler(capture);
        try {
            given().header("X-Request-Id", "logged-500").when().get("/test/boom").then().statusCode(500);
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()
                && formatted(r).contains("logged-500")
                && r.getThrown() instanceof IllegalStateException), () -> "no error record with the id: " + records);
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    @Test
    void requestIdInBodyMatchesHeader() {
        Response response = given().when().get("/test/problems/not-found");
        String header = response.header("X-Request-Id");
        assertEquals(header, response.jsonPath().getString("requestId"));
        response.then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void problemTypeIsAbsoluteUri() {
        given().when().get("/test/problems/forbidden")
                .then().body("type", startsWith("https://"));
    }
}
