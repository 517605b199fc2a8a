package dev.lexguard.sessions.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.devstack.AtOnce;
import dev.lexguard.platform.web.testing.OnVertx;
import dev.lexguard.sessions.Database;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Replicas of sessions-service run the same scheduled jobs against one database, and may run them at the same
 * moment. Two runs started together here stand for two replicas (they share nothing but the database, each on its
 * own connection and transaction); the scheduler of this process (every 2 s in tests) may join them as a third.
 */
@QuarkusTest
class JobsOnReplicasTest {

    private static final String REVOKED = "dev.lexguard.sessions.session.revoked";

    @Inject
    LifetimeEnforcer lifetimes;

    @Inject
    RetentionPurge retention;

    @Inject
    Database db;

    @Test
    void replicasEndingExpiredSessionsAtOnceEndEachOnceWithOneEvent() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofHours(2));
        List<UUID> idle = IntStream.range(0, 12).mapToObj(i -> firm.session(user, EventsProducer.LONDON, start.plusSeconds(i))).toList();

        firm.asAdmin().body("""
                {"users":{"idleMinutes":30,"absoluteMinutes":null},"administrators":{"idleMinutes":null,"absoluteMinutes":null},
                 "contacts":{"idleMinutes":null,"absoluteMinutes":null}}""").put("/api/v1/sessions/policy").then().statusCode(200);
        List<Integer> ended = AtOnce.run(() -> OnVertx.await(lifetimes::endExpired), () -> OnVertx.await(lifetimes::endExpired));

        idle.forEach(session -> firm.awaitSession(session, s -> "idle_timeout".equals(s.getString("endReason"))));
        for (UUID session : idle) {
            assertThat(count("select count(*) from lexguard_outbox where event_type = :type and subject = :subject",
                    Map.of("type", REVOKED, "subject", session.toString()))).as("events of %s", session).isEqualTo(1);
        }
        // neither run counts a session the other (or the scheduler) ended
        assertThat(ended.get(0) + ended.get(1)).isBetween(0, idle.size());
    }

    @Test
    void replicasPurgingAtOnceDeleteTheOldHistoryAndNothingElse() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        List<UUID> ancient = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID session = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(200)).plusSeconds(i));
            EventsProducer.sessionEnded(firm.firmId(), user, session, "logout", now.minus(Duration.ofDays(199)));
            ancient.add(session);
        }
        ancient.forEach(session -> firm.awaitSession(session, s -> !s.getBoolean("active")));
        UUID open = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(100)));

        List<RetentionPurge.Purged> purged = AtOnce.run(() -> OnVertx.await(retention::purge), () -> OnVertx.await(retention::purge));

        ancient.forEach(session -> firm.asAdmin().get("/api/v1/sessions/{id}", session).then().statusCode(404));
        firm.asAdmin().get("/api/v1/sessions/{id}", open).then().statusCode(200);
        // a row is deleted by one run only; the scheduler may have taken some of them first
        assertThat(purged.get(0).sessions() + purged.get(1).sessions()).isBetween(0, ancient.size());
        assertThat(count("select count(*) from lexguard_outbox where firm_id = :firm", Map.of("firm", firm.firmId())))
                .as("a purge announces nothing").isZero();
    }

    private long count(String sql, Map<String, Object> params) {
        return OnVertx.await(() -> Panache.withSession(() -> db.rows(sql, params)).map(rows -> ((Number) rows.get(0)[0]).longValue()));
    }

}
