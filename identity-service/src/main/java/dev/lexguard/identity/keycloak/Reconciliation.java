package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.NativeSql;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;

/**
 * Repairs drift: every LexGuard user of the firm is synced with Keycloak (changes made directly in Keycloak to
 * LexGuard's users, their enabled flag or their mirrored groups are undone, deleted accounts are made again) and
 * each repair is reported, in the answer and in one {@code reconciled} event. Runs on request and on a schedule.
 * Users whose sync fails are left to the provisioning queue.
 */
@ApplicationScoped
public class Reconciliation {

    private static final int MAX_EVENT_CHANGES = 1000;

    private final KeycloakConnectionRepository connections;
    private final KeycloakConnectionService connectionService;
    private final ProvisioningStore store;
    private final KeycloakClients clients;
    private final UserSync sync;
    private final OutboxWriter outbox;
    private final ProvisioningWorker worker;
    private final KeycloakConfig config;

    public Reconciliation(KeycloakConnectionRepository connections, KeycloakConnectionService connectionService,
            ProvisioningStore store, KeycloakClients clients, UserSync sync, OutboxWriter outbox, ProvisioningWorker worker,
            KeycloakConfig config) {
        this.connections = connections;
        this.connectionService = connectionService;
        this.store = store;
        this.clients = clients;
        this.sync = sync;
        this.outbox = outbox;
        this.worker = worker;
        this.config = config;
    }

    private record Work(KeycloakConnection connection, List<UserSnapshot> users, Map<UUID, String> groupLinks) {
    }

    private record Outcome(List<SyncResult> results, List<ReconciliationResponse.Failure> failures) {
    }

    public Uni<ReconciliationResponse> reconcile(UUID firmId, String trigger) {
        return Panache.withSession(() -> connections.findById(firmId).chain(connection -> {
            if (connection == null) {
                throw new NotFoundProblem("This firm is not connected to Keycloak");
            }
            return store.snapshots(firmId).chain(users -> store.groupLinks(firmId)
                    .map(links -> new Work(connection, users, links)));
        })).chain(work -> Blocking.call(() -> syncAll(work)).chain(outcome -> Panache.withTransaction(
                () -> record(work.connection(), trigger, work.users().size(), outcome))));
    }

    private Outcome syncAll(Work work) {
        Keycloak keycloak = clients.forTarget(connectionService.target(work.connection()));
        Map<UUID, String> links = new HashMap<>(work.groupLinks());
        List<SyncResult> results = new ArrayList<>();
        List<ReconciliationResponse.Failure> failures = new ArrayList<>();
        for (UserSnapshot user : work.users()) {
            try {
                SyncResult result = sync.sync(keycloak, work.connection(), user, links);
                links.putAll(result.groupsCreated());
                results.add(result);
            } catch (RuntimeException e) {
                if (KeycloakEgress.refusedTarget(e)) {
                    throw KeycloakEgress.refused();
                }
                KeycloakFailure failure = KeycloakFailure.of(e);
                if (failure.kind() == KeycloakFailure.Kind.KEYCLOAK_UNREACHABLE
                        || failure.kind() == KeycloakFailure.Kind.KEYCLOAK_REFUSED_CREDENTIALS) {
                    throw new BusinessRuleProblem(failure.kind() == KeycloakFailure.Kind.KEYCLOAK_UNREACHABLE
                            ? "keycloak-unreachable" : "keycloak-credentials-refused",
                            "Reconciliation stopped: " + failure.describe());
                }
                failures.add(new ReconciliationResponse.Failure(user.userId(), failure.kind().code()));
            }
        }
        return new Outcome(results, failures);
    }

    private Uni<ReconciliationResponse> record(KeycloakConnection stale, String trigger, int checked, Outcome outcome) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID firmId = stale.firmId();
        List<ReconciliationResponse.Change> changes = new ArrayList<>();
        Map<UUID, String> groupsCreated = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SyncResult result : outcome.results()) {
            result.changes().forEach(change -> changes.add(new ReconciliationResponse.Change(result.userId(),
                    result.keycloakUserId(), change.change(), change.groupId())));
            groupsCreated.putAll(result.groupsCreated());
            if (result.keycloakUserId() != null) {
                chain = chain.chain(() -> store.linkUser(firmId, result.userId(), result.keycloakUserId()));
            }
        }
        for (ReconciliationResponse.Failure failure : outcome.failures()) {
            chain = chain.chain(() -> NativeSql.rows("select count(*) from (select keycloak_enqueue(:firm, :user,"
                    + " 'keycloak.reconciliation') ) queued", Map.of("firm", firmId, "user", failure.userId()))
                    .replaceWithVoid());
        }
        List<KeycloakEvents.ReconciledChange> eventChanges = changes.stream().limit(MAX_EVENT_CHANGES)
                .map(c -> new KeycloakEvents.ReconciledChange(c.userId(), c.keycloakUserId(), c.change(), c.groupId()))
                .toList();
        return chain
                .chain(() -> store.linkGroups(firmId, groupsCreated))
                .chain(() -> worker.groupEvents(firmId, groupsCreated))
                .chain(() -> connections.findById(firmId))
                .invoke(connection -> {
                    if (connection != null) {
                        connection.reconciled(now);
                    }
                })
                .chain(() -> outbox.append(IdentityEvents.bySystem(KeycloakEvents.RECONCILED, firmId.toString(), firmId,
                        new KeycloakEvents.Reconciled(trigger, checked, eventChanges))))
                .map(ignored -> new ReconciliationResponse(now, checked, changes, outcome.failures()));
    }

    /** The scheduler's {@code every} as a duration: {@code 6h}, {@code 1d}, {@code PT30M}, read as Quarkus reads durations. */
    static Duration period(String every) {
        return DurationConverter.parseDuration(every.trim());
    }

    /**
     * Every connected firm, on the configured interval, once across replicas (a claim per firm and period); and the
     * done jobs past their keeping time go.
     */
    @Scheduled(identity = "keycloak-reconciliation", every = "${lexguard.identity.keycloak.worker.reconcile-every}",
            delayed = "${lexguard.identity.keycloak.worker.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcileAll() {
        List<UUID> firms = ProvisioningWorker.await(() -> Panache.withSession(
                () -> connections.findAll().list().map(all -> all.stream().map(KeycloakConnection::firmId).toList())));
        Duration period = period(config.worker().reconcileEvery());
        for (UUID firmId : firms) {
            try {
                if (!ProvisioningWorker.await(() -> Panache.withTransaction(() -> store.claimReconciliation(firmId, period)))) {
                    continue;
                }
                ReconciliationResponse report = ProvisioningWorker.await(() -> reconcile(firmId, "scheduled"));
                Log.infof("Keycloak reconciliation of firm %s: %d users checked, %d changes, %d failures", firmId,
                        report.usersChecked(), report.changes().size(), report.failures().size());
            } catch (RuntimeException e) {
                Log.warnf("Keycloak reconciliation of firm %s failed: %s", firmId, e.getClass().getSimpleName());
            }
        }
        ProvisioningWorker.await(() -> Panache.withTransaction(
                () -> store.purgeDone(Instant.now().minus(config.worker().keepDone()))));
    }
}
