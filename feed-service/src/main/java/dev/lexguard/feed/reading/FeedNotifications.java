package dev.lexguard.feed.reading;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes live streams when a firm's feed grows. Every inserted entry sends {@code NOTIFY feed_entry, '<firm id>'}
 * (a trigger), so a stream on any replica hears about entries another replica ingested. The subscriber
 * reconnects on its own; streams also poll now and then in case a notification was missed.
 */
@ApplicationScoped
public class FeedNotifications {

    private final BroadcastProcessor<String> firms = BroadcastProcessor.create();
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private PgSubscriber subscriber;

    public FeedNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent ignored) {
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel("feed_entry").handler(firms::onNext);
        subscriber.connect().subscribe().with(ok -> Log.debug("listening for feed entries"),
                failure -> Log.warnf("cannot listen for feed entries yet (%s); streams poll until it can", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Ticks whenever an entry of the firm was committed. */
    public Multi<String> forFirm(String firmId) {
        return firms.filter(firmId::equals);
    }
}
