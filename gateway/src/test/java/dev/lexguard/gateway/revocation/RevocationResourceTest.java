package dev.lexguard.gateway.revocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.testsupport.EventPublisher;
import dev.lexguard.gateway.testsupport.Tokens;
import dev.lexguard.gateway.tokens.VerifiedToken;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation through real Kafka events: the gateway refuses a revoked session's tokens within one second of
 * the event being acknowledged by the broker, and a freshly started follower loads earlier revocations.
 */
@QuarkusTest
class RevocationResourceTest {

    private static final String SESSIONS = "lexguard.sessions.events";
    private static final String IDENTITY = "lexguard.identity.events";

    @Inject
    RevocationFollower follower;

    @Inject
    GatewayConfig config;

    @Inject
    RevocationList revocations;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @BeforeEach
    void followerIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(follower::caughtUp);
    }

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/sessions").statusCode();
    }

    /** Polls until the token is refused; fails if that takes more than a second after the broker's ack. */
    private static void refusedWithinOneSecond(String token, Instant acked) {
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> status(token) == 401);
        assertThat(Duration.between(acked, Instant.now())).isLessThan(Duration.ofMillis(1100));
    }

    @Test
    void revokedSessionIsRefusedWithinOneSecond() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID otherSession = UUID.randomUUID();
        String token = Tokens.user(firm, user, session);
        String other = Tokens.user(firm, user, otherSession);
        assertThat(status(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(SESSIONS, RevocationFollower.SESSION_REVOKED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "ended_by_administrator", "revokedAt", Instant.now().toString()));
            refusedWithinOneSecond(token, acked);
        }
        assertThat(status(other)).isEqualTo(200);
    }

    @Test
    void identitySessionEndedIsRefusedWithinOneSecond() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.user(firm, user, session);
        assertThat(status(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(IDENTITY, RevocationFollower.SESSION_ENDED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "reason", "logout"));
            refusedWithinOneSecond(token, acked);
        }
    }

    @Test
    void aSignOutThroughTheGatewayRefusesItsTokenAtOnceWithoutWaitingForKafka() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String token = Tokens.user(firm, user, UUID.randomUUID());
        String otherSession = Tokens.user(firm, user, UUID.randomUUID());
        assertThat(status(token)).isEqualTo(200);
        // no event is published: the very next request after the 204 is refused by this gateway
        given().header("Authorization", "Bearer " + token).post("/api/v1/auth/logout").then().statusCode(204);
        assertThat(status(token)).isEqualTo(401);
        given().header("Authorization", "Bearer " + token).post("/api/v1/auth/logout").then().statusCode(401);
        assertThat(status(otherSession)).isEqualTo(200);

        String contactToken = Tokens.portal(firm, UUID.randomUUID(), UUID.randomUUID());
        assertThat(portalStatus(contactToken)).isEqualTo(200);
        given().header("Authorization", "Bearer " + contactToken).post("/api/v1/portal-auth/logout").then().statusCode(204);
        assertThat(portalStatus(contactToken)).isEqualTo(401);
    }

    @Test
    void aSignOutTheUpstreamRefusesOrAnotherRequestEndsNothing() {
        UUID firm = UUID.randomUUID();
        String token = Tokens.user(firm, UUID.randomUUID(), UUID.randomUUID());
        given().header("Authorization", "Bearer " + token).header("X-Test-Status", "401").post("/api/v1/auth/logout")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + token).header("X-Test-Status", "500").post("/api/v1/auth/logout")
                .then().statusCode(500);
        // a GET of the same path and another identity path that answers 2xx are not sign-outs
        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/logout").then().statusCode(204);
        given().header("Authorization", "Bearer " + token).post("/api/v1/auth/step-up").then().statusCode(200);
        assertThat(status(token)).isEqualTo(200);
    }

    @Test
    void userWatermarkRefusesOlderSessionsOfThatUserExceptTheKeptOne() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        long started = Instant.now().getEpochSecond() - 120;
        String old = Tokens.userWith(c -> c.put("firm", firm.toString()).put("sub", user.toString())
                .put("auth_time", started));
        String keptToken = Tokens.userWith(c -> c.put("firm", firm.toString()).put("sub", user.toString())
                .put("sid", kept.toString()).put("auth_time", started));
        String colleague = Tokens.userWith(c -> c.put("firm", firm.toString()).put("auth_time", started));
        try (EventPublisher events = new EventPublisher()) {
            Map<String, Object> data = new HashMap<>();
            data.put("scope", "user");
            data.put("userId", user.toString());
            data.put("actorType", "user");
            data.put("revokedBefore", Instant.now().minusSeconds(60).toString());
            data.put("exceptSessionId", kept.toString());
            data.put("reason", "all_sessions_ended");
            Instant acked = events.publish(SESSIONS, RevocationFollower.WATERMARK_RAISED, firm, user.toString(), data);
            refusedWithinOneSecond(old, acked);
        }
        assertThat(status(keptToken)).isEqualTo(200);
        assertThat(status(colleague)).isEqualTo(200);
        // a session started after the watermark (a new sign-in) is not affected
        assertThat(status(Tokens.userWith(c -> c.put("firm", firm.toString()).put("sub", user.toString())))).isEqualTo(200);
    }

    @Test
    void aStepUpAfterTheWatermarkDoesNotLiftTheSessionAboveIt() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        long signedIn = Instant.now().getEpochSecond() - 120;
        // stepped up a moment ago: auth_time is after the watermark, the session's sign-in before it
        String steppedUp = Tokens.userWith(c -> c.put("firm", firm.toString()).put("sub", user.toString())
                .put("session_start", signedIn).put("auth_time", Instant.now().getEpochSecond()));
        assertThat(status(steppedUp)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(SESSIONS, RevocationFollower.WATERMARK_RAISED, firm, user.toString(),
                    Map.of("scope", "user", "userId", user.toString(), "revokedBefore", Instant.now().minusSeconds(60).toString(),
                            "reason", "all_sessions_ended"));
            refusedWithinOneSecond(steppedUp, acked);
        }
    }

    @Test
    void watermarkFallsBackToIatWithoutAuthTime() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        long issued = Instant.now().getEpochSecond() - 20;
        String token = Tokens.userWith(c -> {
            c.remove("auth_time");
            c.put("firm", firm.toString()).put("sub", user.toString()).put("iat", issued);
        });
        assertThat(status(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(SESSIONS, RevocationFollower.WATERMARK_RAISED, firm, user.toString(),
                    Map.of("scope", "user", "userId", user.toString(), "revokedBefore", Instant.now().toString(),
                            "reason", "ended_by_user"));
            refusedWithinOneSecond(token, acked);
        }
    }

    @Test
    void firmWatermarkRefusesEveryOlderSessionOfTheFirm() {
        UUID firm = UUID.randomUUID();
        long started = Instant.now().getEpochSecond() - 120;
        String alice = Tokens.userWith(c -> c.put("firm", firm.toString()).put("auth_time", started));
        String bob = Tokens.userWith(c -> c.put("firm", firm.toString()).put("auth_time", started));
        String otherFirm = Tokens.userWith(c -> c.put("auth_time", started));
        try (EventPublisher events = new EventPublisher()) {
            Map<String, Object> data = new HashMap<>();
            data.put("scope", "firm");
            data.put("revokedBefore", Instant.now().toString());
            data.put("reason", "all_sessions_ended");
            Instant acked = events.publish(SESSIONS, RevocationFollower.WATERMARK_RAISED, firm, firm.toString(), data);
            refusedWithinOneSecond(alice, acked);
        }
        assertThat(status(bob)).isEqualTo(401);
        assertThat(status(otherFirm)).isEqualTo(200);
    }

    @Test
    void anEndedPortalSessionIsRefusedWithinOneSecond() {
        UUID firm = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.portal(firm, contact, session);
        String otherSession = Tokens.portal(firm, contact, UUID.randomUUID());
        assertThat(portalStatus(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(IDENTITY, RevocationFollower.PORTAL_SESSION_ENDED, firm, contact.toString(),
                    Map.of("accountId", contact.toString(), "sessionId", session.toString(), "reason", "logout"));
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> portalStatus(token) == 401);
            assertThat(Duration.between(acked, Instant.now())).isLessThan(Duration.ofMillis(1100));
        }
        assertThat(portalStatus(otherSession)).isEqualTo(200);
    }

    @Test
    void aPortalSessionRevokedInSessionsServiceIsRefusedWithinOneSecondOnEveryPortalPath() {
        UUID firm = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.portal(firm, contact, session);
        assertThat(portalStatus(token)).isEqualTo(200);
        assertThat(ownSessionsStatus(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            // the contact ended it (or said "not me") through sessions-service: the event identity acts on too
            Instant acked = events.publish(SESSIONS, RevocationFollower.SESSION_REVOKED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", contact.toString(), "actorType", "contact",
                            "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> portalStatus(token) == 401 && ownSessionsStatus(token) == 401);
            assertThat(Duration.between(acked, Instant.now())).isLessThan(Duration.ofMillis(1100));
        }
    }

    @Test
    void aContactsWatermarkRefusesTheirOlderPortalSessions() {
        UUID firm = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String token = Tokens.portal(firm, contact, UUID.randomUUID());
        assertThat(ownSessionsStatus(token)).isEqualTo(200);
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(SESSIONS, RevocationFollower.WATERMARK_RAISED, firm, contact.toString(),
                    Map.of("scope", "user", "userId", contact.toString(), "actorType", "contact",
                            "revokedBefore", Instant.now().plusSeconds(1).toString(), "reason", "not_me"));
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> portalStatus(token) == 401);
            assertThat(Duration.between(acked, Instant.now())).isLessThan(Duration.ofMillis(1100));
        }
    }

    @Test
    void aRevokedTokenStaysRefusedAfterFifteenMinutesIfItCouldStillBeValid() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.user(firm, user, session);
        // as if identity issued 20-minute tokens while the gateway was told 10: it would outlive the revocation's memory
        String longLived = Tokens.userWith(c -> c.put("firm", firm.toString()).put("sub", user.toString())
                .put("sid", session.toString()).put("exp", Instant.now().getEpochSecond() + 1200));
        Instant revokedAt = Instant.now();
        try (EventPublisher events = new EventPublisher()) {
            Instant acked = events.publish(SESSIONS, RevocationFollower.SESSION_REVOKED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "ended_by_user", "revokedAt", revokedAt.toString()));
            refusedWithinOneSecond(token, acked);
        }
        // the list is pruned with simulated time: 10 minutes on, a token issued at the revocation is still valid
        revocations.prune(revokedAt.plus(Duration.ofMinutes(10)).plusSeconds(15));
        assertThat(status(token)).isEqualTo(401);
        revocations.prune(revokedAt.plus(Duration.ofMinutes(15)));
        assertThat(status(longLived)).isEqualTo(401);
    }

    private static int ownSessionsStatus(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/sessions/mine").statusCode();
    }

    private static int portalStatus(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/portal/shares").statusCode();
    }

    @Test
    void aRevocationOrEndedSessionFromAnyoneButItsOwnerIsIgnored() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.user(firm, user, session);
        Map<String, Object> revoked = Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                "reason", "ended_by_administrator", "revokedAt", Instant.now().toString());
        try (EventPublisher events = new EventPublisher()) {
            // identity-service's credentials writing sessions' revocation onto identity's topic, then sessions-service's
            // credentials claiming to be identity-service: neither may sign anyone out
            events.publishAs("/sessions-service", IDENTITY, RevocationFollower.SESSION_REVOKED, firm, session.toString(), revoked);
            events.publishAs("/identity-service", SESSIONS, RevocationFollower.SESSION_ENDED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "reason", "logout"));
            // a genuine revocation of another session, published after both: once it applies, the forged ones were read
            UUID witness = UUID.randomUUID();
            String witnessToken = Tokens.user(firm, user, witness);
            Instant acked = events.publish(SESSIONS, RevocationFollower.SESSION_REVOKED, firm, witness.toString(),
                    Map.of("sessionId", witness.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "ended_by_administrator", "revokedAt", Instant.now().toString()));
            refusedWithinOneSecond(witnessToken, acked);
        }
        // the forgery on identity's topic may be read after the witness on sessions' (two topics, no common order)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            return metrics.contains("lexguard_events_consumer_foreign_total{consumer=\"gateway-revocations\",topic=\"" + IDENTITY + "\"}")
                    && metrics.contains("lexguard_events_consumer_foreign_total{consumer=\"gateway-revocations\",topic=\"" + SESSIONS + "\"}");
        });
        assertThat(status(token)).isEqualTo(200);
    }

    @Test
    void malformedRecordsAreSkippedAndLaterEventsStillApply() {
        String topic = SESSIONS;
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (EventPublisher events = new EventPublisher()) {
            events.publishRaw(topic, firm.toString(), "this is not json");
            events.publishRaw(topic, firm.toString(), "{\"specversion\":\"1.0\"}");
            events.publishRaw(topic, firm.toString(), null);
            events.publish(topic, RevocationFollower.SESSION_REVOKED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "not_me", "revokedAt", Instant.now().toString()));
        }
        RevocationList fresh = new RevocationList(config);
        RevocationFollower follower = new RevocationFollower(fresh, config, kafka, List.of(topic));
        follower.start(null);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(follower::caughtUp);
            assertThat(fresh.check(new VerifiedToken(firm, user, session, false, Instant.now().minusSeconds(5),
                    Instant.now().plusSeconds(600)))).isEqualTo("session-ended");
        } finally {
            follower.stop(null);
        }
    }

    @Test
    void aStartingGatewayLoadsRevocationsPublishedBeforeItStarted() {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (EventPublisher events = new EventPublisher()) {
            events.publish(SESSIONS, RevocationFollower.SESSION_REVOKED, firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
        }
        // a second follower, as a restarted gateway would run it: fresh memory, same topics
        RevocationList fresh = new RevocationList(config);
        RevocationFollower restarted = new RevocationFollower(fresh, config, kafka);
        restarted.start(null);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(restarted::caughtUp);
            VerifiedToken token = new VerifiedToken(firm, user, session, false, Instant.now().minusSeconds(5),
                    Instant.now().plusSeconds(600));
            assertThat(fresh.check(token)).isEqualTo("session-ended");
            VerifiedToken unrelated = new VerifiedToken(firm, user, UUID.randomUUID(), false,
                    Instant.now().minusSeconds(5), Instant.now().plusSeconds(600));
            assertThat(fresh.check(unrelated)).isNull();
        } finally {
            restarted.stop(null);
        }
    }
}
