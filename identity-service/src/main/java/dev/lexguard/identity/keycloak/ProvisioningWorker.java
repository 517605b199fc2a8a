package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Works the provisioning queue on a worker thread: claims due jobs in one short transaction, syncs each user with
 * the (blocking) admin client, and records the outcome and its event in another. A failure (Keycloak down, refused,
 * erroring) keeps the job with its attempt count and pushes it back exponentially; nothing is dropped.
 */
@ApplicationScoped
public class ProvisioningWorker {

    private final ProvisioningStore store;
    private final KeycloakConnectionRepository connections;
    private final KeycloakConnectionService connectionService;
    private final KeycloakClients clients;
    private final UserSync sync;
    private final OutboxWriter outbox;
    private final KeycloakConfig config;

    public ProvisioningWorker(ProvisioningStore store, KeycloakConnectionRepository connections,
            KeycloakConnectionService connectionService, KeycloakClients clients, UserSync sync, OutboxWriter outbox,
            KeycloakConfig config) {
        this.store = store;
        this.connections = connections;
        this.connectionService = connectionService;
        this.clients = clients;
        this.sync = sync;
        this.outbox = outbox;
        this.config = config;
    }

    private record Work(KeycloakConnection connection, UserSnapshot user, Map<UUID, String> groupLinks) {
    }

    @Scheduled(identity = "keycloak-provisioning", every = "${lexguard.identity.keycloak.worker.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        try {
            runDueJobs();
        } catch (RuntimeException e) {
            Log.warnf("the Keycloak provisioning worker failed (%s); it retries on its next run", e.getClass().getSimpleName());
        }
    }

    /** Works every job that is due now, once; answers how many it claimed. Blocking: worker threads only. */
    int runDueJobs() {
        List<ProvisioningStore.Job> jobs = await(() -> Panache.withTransaction(
                () -> store.claim(config.worker().batchSize(), config.worker().lease())));
        jobs.forEach(this::process);
        return jobs.size();
    }

    private void process(ProvisioningStore.Job job) {
        Work work = await(() -> Panache.withSession(() -> connections.findById(job.firmId()).chain(connection ->
                connection == null ? Uni.createFrom().<Work>nullItem()
                        : store.snapshot(job.firmId(), job.userId()).chain(user -> user == null
                                ? Uni.createFrom().<Work>nullItem()
                                : store.groupLinks(job.firmId()).map(links -> new Work(connection, user, links))))));
        if (work == null) {
            await(() -> Panache.withTransaction(() -> store.done(job)));
            return;
        }
        SyncResult result;
        try {
            result = sync.sync(clients.forTarget(connectionService.target(work.connection())), work.connection(),
                    work.user(), work.groupLinks());
        } catch (RuntimeException e) {
            failed(job, KeycloakFailure.of(e));
            return;
        }
        await(() -> Panache.withTransaction(() -> record(job, result)));
    }

    private Uni<Void> record(ProvisioningStore.Job job, SyncResult result) {
        Uni<Void> links = result.keycloakUserId() == null ? Uni.createFrom().voidItem()
                : store.linkUser(job.firmId(), job.userId(), result.keycloakUserId());
        return links
                .chain(() -> store.linkGroups(job.firmId(), result.groupsCreated()))
                .chain(() -> store.done(job))
                .chain(() -> result.keycloakUserId() == null ? Uni.createFrom().voidItem()
                        : outbox.append(IdentityEvents.bySystem(KeycloakEvents.USER_PROVISIONED, job.userId().toString(),
                                job.firmId(), new KeycloakEvents.UserProvisioned(job.userId(), result.keycloakUserId(),
                                        result.action(), result.sessionsLoggedOut() ? Boolean.TRUE : null,
                                        result.groupsAdded() > 0 ? result.groupsAdded() : null,
                                        result.groupsRemoved() > 0 ? result.groupsRemoved() : null))))
                .chain(() -> groupEvents(job.firmId(), result.groupsCreated()));
    }

    Uni<Void> groupEvents(UUID firmId, Map<UUID, String> created) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, String> group : created.entrySet()) {
            chain = chain.chain(() -> outbox.append(IdentityEvents.bySystem(KeycloakEvents.GROUP_PROVISIONED,
                    group.getKey().toString(), firmId,
                    new KeycloakEvents.GroupProvisioned(group.getKey(), group.getValue(), "created"))));
        }
        return chain;
    }

    private void failed(ProvisioningStore.Job job, KeycloakFailure failure) {
        int attempts = job.attempts() + 1;
        Instant next = Instant.now().plus(backoff(attempts)).truncatedTo(ChronoUnit.MILLIS);
        Log.warnf("Keycloak provisioning of user %s (firm %s, job %d) failed: %s; attempt %d, next at %s", job.userId(),
                job.firmId(), job.id(), failure.describe(), attempts, next);
        await(() -> Panache.withTransaction(() -> store.failed(job, attempts, next, failure.describe())
                .chain(() -> outbox.append(IdentityEvents.bySystem(KeycloakEvents.PROVISIONING_FAILED,
                        job.userId().toString(), job.firmId(), new KeycloakEvents.ProvisioningFailed(job.id(),
                                job.userId(), attempts, failure.kind().code(), failure.httpStatus(), next))))));
    }

    /** 2 s, 4 s, 8 s ... up to the configured maximum. */
    Duration backoff(int attempts) {
        Duration initial = config.worker().initialBackoff();
        Duration max = config.worker().maxBackoff();
        int doublings = Math.min(attempts - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
