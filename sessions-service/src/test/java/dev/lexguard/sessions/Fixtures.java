package dev.lexguard.sessions;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Each test makes its own firm, with an administrator whose token names a session of their own. */
public final class Fixtures {

    private Fixtures() {
    }

    public record TestFirm(UUID firmId, UUID adminId, UUID adminSession) {

        public RequestSpecification asAdmin() {
            return given().auth().oauth2(Tokens.administrator(firmId, adminId, adminSession)).contentType(ContentType.JSON);
        }

        /** The administrator right after a step-up (a second factor proven now), for risky acts. */
        public RequestSpecification asSteppedUpAdmin() {
            return given().auth().oauth2(Tokens.steppedUp(firmId, adminId, adminSession, "administrator"))
                    .contentType(ContentType.JSON);
        }

        public RequestSpecification as(UUID user, UUID session) {
            return given().auth().oauth2(Tokens.user(firmId, user, session)).contentType(ContentType.JSON);
        }

        /** A session of {@code user} started at {@code time} from {@code ip}, once this service has recorded it. */
        public UUID session(UUID user, String ip, Instant time) {
            UUID session = UUID.randomUUID();
            EventsProducer.sessionStarted(firmId, user, session, ip, time);
            awaitSession(session, s -> true);
            return session;
        }

        /** Waits until the session exists and matches, as the administrator sees it. */
        public JsonPath awaitSession(UUID session, Predicate<JsonPath> condition) {
            JsonPath[] seen = new JsonPath[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var response = asAdmin().get("/api/v1/sessions/{id}", session);
                if (response.statusCode() != 200) {
                    return false;
                }
                seen[0] = response.jsonPath();
                return condition.test(seen[0]);
            });
            return seen[0];
        }
    }

    public static TestFirm firm() {
        return new TestFirm(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }
}
