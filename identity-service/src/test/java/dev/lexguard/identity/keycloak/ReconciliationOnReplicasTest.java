package dev.lexguard.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.devstack.AtOnce;
import dev.lexguard.identity.Db;
import dev.lexguard.platform.web.testing.OnVertx;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every identity process runs the scheduled Keycloak reconciliation; a firm is reconciled by one of them per period.
 * Two claims started together stand for two replicas (each on its own Vert.x context, connection and transaction).
 */
@QuarkusTest
class ReconciliationOnReplicasTest {

    private static final Duration SIX_HOURS = Duration.ofHours(6);

    @Inject
    ProvisioningStore store;

    @Test
    void oneOfTwoReplicasClaimsAFirmsReconciliationForThePeriod() throws Exception {
        UUID firm = connectedFirm();
        try {
            List<Boolean> claims = AtOnce.run(() -> claim(firm, SIX_HOURS), () -> claim(firm, SIX_HOURS));

            assertThat(claims).containsExactlyInAnyOrder(true, false);
            assertThat(claim(firm, SIX_HOURS)).as("a third process within the period").isFalse();
            // the period has (all but a tenth) passed: the next run claims it again, once
            Db.update("update keycloak_connection set reconcile_claimed_at = now() - interval '5 hours 25 minutes' where firm_id = ?", firm);
            assertThat(AtOnce.run(() -> claim(firm, SIX_HOURS), () -> claim(firm, SIX_HOURS))).containsExactlyInAnyOrder(true, false);
            assertThat(claim(UUID.randomUUID(), SIX_HOURS)).as("a firm with no connection").isFalse();
        } finally {
            // the scheduled reconciliation of this process would try the made-up realm
            Db.update("delete from keycloak_connection where firm_id = ?", firm);
        }
    }

    @Test
    void theScheduleReadsAsTheSchedulerReadsIt() {
        assertThat(Reconciliation.period("6h")).isEqualTo(SIX_HOURS);
        assertThat(Reconciliation.period("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Reconciliation.period("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Reconciliation.period("PT30M")).isEqualTo(Duration.ofMinutes(30));
    }

    private boolean claim(UUID firm, Duration period) {
        return OnVertx.await(() -> Panache.withTransaction(() -> store.claimReconciliation(firm, period)));
    }

    /** A connection row of a made-up realm (the claim reads nothing else of it). */
    private static UUID connectedFirm() {
        UUID firm = UUID.randomUUID();
        Db.update("""
                insert into keycloak_connection (firm_id, server_url, realm, admin_client_id, admin_client_secret_sealed,
                  signin_client_id, signin_client_uuid, signin_client_secret_sealed, root_group_id, connected_by, connected_at, updated_at)
                values (?, 'http://127.0.0.1:1', 'firm', 'lexguard-admin', 'sealed', 'lexguard', 'uuid', 'sealed', 'root', ?, now(), now())""",
                firm, UUID.randomUUID());
        return firm;
    }
}
