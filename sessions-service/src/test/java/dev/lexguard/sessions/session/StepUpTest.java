package dev.lexguard.sessions.session;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import dev.lexguard.sessions.Tokens;
import dev.lexguard.sessions.policy.FirmOwnerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Risky acts: ending every session of the firm needs a second factor proven within 10 minutes; "not me" needs one
 * when the caller's token shows the user has a second factor; an administrator's "not me" on the owner's session is
 * the owner's to do.
 */
@QuarkusTest
class StepUpTest {

    private static final String STEP_UP = "https://lexguard.dev/problems/step-up-required";

    @Inject
    FirmOwnerRepository owners;

    @Test
    void endingEverySessionOfTheFirmNeedsAFreshSecondFactor() {
        TestFirm firm = Fixtures.firm();
        UUID session = firm.session(UUID.randomUUID(), EventsProducer.LONDON, Instant.now());

        firm.asAdmin().post("/api/v1/sessions/end-all").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(STEP_UP))
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
        RestAssured.given().auth().oauth2(Tokens.secondFactorProvedAgo(firm.firmId(), firm.adminId(), firm.adminSession(),
                Duration.ofMinutes(20), "administrator")).post("/api/v1/sessions/end-all").then().statusCode(403)
                .body("type", equalTo(STEP_UP));
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("active", equalTo(true));

        firm.asSteppedUpAdmin().post("/api/v1/sessions/end-all").then().statusCode(200).body("ended", equalTo(1));
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("active", equalTo(false));
    }

    @Test
    void notMeNeedsAFreshSecondFactorWhenTheUserHasOne() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        UUID mine = firm.session(user, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID intruder = firm.session(user, EventsProducer.CHANGCHUN, Instant.now());

        RestAssured.given().auth().oauth2(Tokens.secondFactorProvedAgo(firm.firmId(), user, mine, Duration.ofMinutes(20)))
                .post("/api/v1/sessions/{id}/not-me", intruder).then().statusCode(403).body("type", equalTo(STEP_UP));
        firm.asAdmin().get("/api/v1/sessions/{id}", intruder).then().body("active", equalTo(true))
                .body("disownedAt", equalTo(null));

        RestAssured.given().auth().oauth2(Tokens.steppedUp(firm.firmId(), user, mine))
                .post("/api/v1/sessions/{id}/not-me", intruder).then().statusCode(204);
        firm.asAdmin().get("/api/v1/sessions/{id}", intruder).then().body("endReason", equalTo("not_me"));
    }

    @Test
    void anAdministratorsNotMeOnTheOwnersSessionNeedsTheOwner() {
        TestFirm firm = Fixtures.firm();
        UUID owner = UUID.randomUUID();
        // identity's topic is keyed by firm: firm.created is applied before the owner's sessions are recorded
        EventsProducer.firmCreated(firm.firmId(), owner, Instant.now().minusSeconds(120));
        UUID ownersLaptop = firm.session(owner, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID ownersOther = firm.session(owner, EventsProducer.CHANGCHUN, Instant.now());

        firm.asSteppedUpAdmin().post("/api/v1/sessions/{id}/not-me", ownersOther).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/owner-only"));
        firm.asAdmin().get("/api/v1/sessions/{id}", ownersOther).then().body("active", equalTo(true));

        RestAssured.given().auth().oauth2(Tokens.steppedUp(firm.firmId(), owner, ownersLaptop, "administrator"))
                .post("/api/v1/sessions/{id}/not-me", ownersOther).then().statusCode(204);
        firm.asAdmin().get("/api/v1/sessions/{id}", ownersOther).then().body("endReason", equalTo("not_me"));
    }

    @Test
    void theOwnerIsWhoeverOwnershipWasTransferredTo() {
        TestFirm firm = Fixtures.firm();
        UUID founder = UUID.randomUUID();
        UUID successor = UUID.randomUUID();
        EventsProducer.firmCreated(firm.firmId(), founder, Instant.now().minusSeconds(120));
        UUID foundersSession = firm.session(founder, EventsProducer.LONDON, Instant.now().minusSeconds(60));
        UUID successorsSession = firm.session(successor, EventsProducer.LINKOPING, Instant.now());
        EventsProducer.ownershipTransferred(firm.firmId(), founder, successor);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isOwner(firm.firmId(), successor));

        firm.asSteppedUpAdmin().post("/api/v1/sessions/{id}/not-me", successorsSession).then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/owner-only"));
        firm.asSteppedUpAdmin().post("/api/v1/sessions/{id}/not-me", foundersSession).then().statusCode(204);
    }

    private boolean isOwner(UUID firmId, UUID userId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> owners.isOwner(firmId, userId)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
