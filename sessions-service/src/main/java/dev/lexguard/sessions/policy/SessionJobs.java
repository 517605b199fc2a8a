package dev.lexguard.sessions.policy;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The scheduled jobs: lifetime enforcement and the retention purge (non-blocking, on the event loop). */
@ApplicationScoped
public class SessionJobs {

    private final LifetimeEnforcer lifetimes;
    private final RetentionPurge retention;

    public SessionJobs(LifetimeEnforcer lifetimes, RetentionPurge retention) {
        this.lifetimes = lifetimes;
        this.retention = retention;
    }

    @Scheduled(identity = "session-lifetimes", every = "${lexguard.sessions.lifetimes.check-every:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> endExpiredSessions() {
        return lifetimes.endExpired().invoke(ended -> {
            if (ended > 0) {
                Log.infof("Ended %d session(s) past their firm's idle or absolute lifetime", ended);
            }
        }).onFailure().invoke(e -> Log.error("Session lifetime check failed", e)).onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(identity = "sessions-retention", every = "${lexguard.sessions.retention.purge-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpiredHistory() {
        return retention.purge().invoke(result -> {
            if (result.sessions() + result.signIns() > 0) {
                Log.infof("Retention purge deleted %d ended session(s) and %d sign-in(s)", result.sessions(), result.signIns());
            }
        }).onFailure().invoke(e -> Log.error("Retention purge failed", e)).onFailure().recoverWithNull().replaceWithVoid();
    }
}
