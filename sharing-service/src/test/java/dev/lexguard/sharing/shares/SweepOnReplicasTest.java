package dev.lexguard.sharing.shares;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.devstack.AtOnce;
import dev.lexguard.platform.web.testing.OnVertx;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Replicas of sharing-service sweep the same shares at the same moment. Two sweeps started together here stand for
 * two replicas (each on its own Vert.x context, connection and transaction; the scheduler of this process, every
 * second in tests, may join them): every share that expired, nears its expiry, or is due or overdue for review is
 * announced once, and a later sweep announces nothing again.
 */
@QuarkusTest
class SweepOnReplicasTest {

    @Inject
    LifecycleSweep sweep;

    @Test
    void twoReplicasSweepingAtOnceAnnounceEachShareOnce() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        List<UUID> shares = IntStream.range(0, 12).mapToObj(i -> Fixtures.share(firm, contact, matter, "Letter " + i)).toList();
        // time moves on for all of them in one statement: three expired, three near expiry, three due, three overdue
        Upstream.update("""
                update share set
                  expires_at = case when id = any(cast(? as uuid[])) then now() - interval '1 minute'
                                    when id = any(cast(? as uuid[])) then now() + interval '2 days' else expires_at end,
                  next_review_at = case when id = any(cast(? as uuid[])) then now() - interval '1 hour'
                                        when id = any(cast(? as uuid[])) then now() - interval '60 days' else next_review_at end
                where firm_id = ?""", ids(shares, 0), ids(shares, 3), ids(shares, 6), ids(shares, 9), firm.firmId());

        AtOnce.run(this::sweepOnce, this::sweepOnce);

        Map<String, List<UUID>> expected = Map.of(
                SharingEvents.SHARE_EXPIRED, shares.subList(0, 3),
                SharingEvents.SHARE_EXPIRING, shares.subList(3, 6),
                SharingEvents.REVIEW_DUE, shares.subList(6, 12),
                SharingEvents.REVIEW_OVERDUE, shares.subList(9, 12));
        // a scheduled sweep that locked some rows before ours skipped them may still be committing
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> expected.entrySet().stream()
                .allMatch(e -> e.getValue().stream().allMatch(share -> announced(e.getKey(), share) > 0)));
        sweepOnce();

        expected.forEach((type, announcedShares) -> announcedShares.forEach(share ->
                assertThat(announced(type, share)).as("%s of %s", type, share).isEqualTo(1)));
        for (String type : expected.keySet()) {
            assertThat(Upstream.count("select count(*) from lexguard_outbox where firm_id = ? and event_type = ?", firm.firmId(), type))
                    .as("%s for the firm", type).isEqualTo(expected.get(type).size());
        }
    }


    private Void sweepOnce() {
        return OnVertx.await(() -> sweep.run());
    }

    private static long announced(String type, UUID share) {
        return Upstream.count("select count(*) from lexguard_outbox where event_type = ? and subject = ?", type, share.toString());
    }

    private static String[] ids(List<UUID> shares, int from) {
        return shares.subList(from, from + 3).stream().map(UUID::toString).toArray(String[]::new);
    }
}
