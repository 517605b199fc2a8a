package dev.lexguard.sessions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ended sessions and sign-ins older than the retention (90 and 180 days by default) are purged; the rest stay. */
@QuarkusTest
class RetentionPurgeTest {

    @Inject
    RetentionPurge purge;

    @Test
    void oldEndedSessionsAndSignInsArePurgedAndRecentOnesKept() throws Throwable {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        UUID ancient = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(200)));
        EventsProducer.sessionEnded(firm.firmId(), user, ancient, "logout", now.minus(Duration.ofDays(199)));
        firm.awaitSession(ancient, s -> !s.getBoolean("active"));
        UUID stillOpen = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(100)));
        UUID recentlyEnded = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofDays(1)));
        firm.asAdmin().delete("/api/v1/sessions/{id}", recentlyEnded).then().statusCode(204);

        // the scheduled purge may run at the same moment: the counts are shared, the outcome below is not
        RetentionPurge.Purged purged = VertxContextSupport.subscribeAndAwait(() -> purge.purge());
        assertThat(purged.sessions()).isNotNegative();

        firm.asAdmin().get("/api/v1/sessions/{id}", stillOpen).then().statusCode(200);
        firm.asAdmin().get("/api/v1/sessions/{id}", recentlyEnded).then().statusCode(200);
        // ended 199 days ago, past the 90 days ended sessions are kept
        firm.asAdmin().get("/api/v1/sessions/{id}", ancient).then().statusCode(404);
        // sign-ins are kept 180 days: the one 200 days old is gone, the 100-day and 1-day ones stay
        firm.as(user, stillOpen).get("/api/v1/sign-ins/mine").then().statusCode(200).body("items", hasSize(2));
    }
}
