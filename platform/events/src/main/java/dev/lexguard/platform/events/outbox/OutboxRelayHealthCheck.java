package dev.lexguard.platform.events.outbox;

import dev.lexguard.platform.events.config.EventsConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the relay thread runs and the broker answers a describe-cluster request. */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements AsyncHealthCheck {

    static final String NAME = "lexguard-outbox-relay";

    private final OutboxRelay relay;
    private final Duration timeout;

    public OutboxRelayHealthCheck(OutboxRelay relay, EventsConfig config) {
        this.relay = relay;
        this.timeout = config.relay().healthTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!relay.isEnabled()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("relay", "disabled").build());
        }
        if (!relay.isRunning()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).down().withData("relay", "stopped").build());
        }
        Admin admin = relay.admin();
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return Uni.createFrom().completionStage(() -> admin.describeCluster(options).clusterId().toCompletionStage())
                .map(clusterId -> HealthCheckResponse.named(NAME).up()
                        .withData("relay", "running")
                        .withData("cluster", clusterId)
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("relay", "running")
                        .withData("broker", "unreachable")
                        .build());
    }
}
