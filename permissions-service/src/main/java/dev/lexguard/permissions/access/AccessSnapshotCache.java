package dev.lexguard.permissions.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.rules.GroupRef;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each firm's {@link AccessSnapshot}, kept only while it is provably current.
 *
 * <p>Every write to a fact a check reads notifies {@code lexguard_access} with the firm id at commit (triggers of
 * V2__access_notifications.sql), on every replica. A notification, or a write request of this replica finishing
 * ({@link #changed}), marks the firm changed at that instant. A snapshot is used only while no change was marked
 * after its loading began, and a load that began before the latest change is used for its own answer but never
 * kept. So a snapshot never outlives a committed change by more than the notification's delivery, and on this
 * replica a write is visible to the very next request. While the notification connection is down nothing is
 * cached: every check reads the database, as it would without this class.
 */
@ApplicationScoped
public class AccessSnapshotCache {

    static final String CHANNEL = "lexguard_access";

    private final Database db;
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private final Cache<UUID, AccessSnapshot> snapshots;
    private final Map<UUID, Long> changedAt = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private volatile long listeningSince;
    private PgSubscriber subscriber;

    public AccessSnapshotCache(Database db, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "lexguard.permissions.access-cache.max-weight", defaultValue = "2000000") long maxWeight) {
        this.db = db;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
        this.snapshots = Caffeine.newBuilder().maximumWeight(maxWeight)
                .weigher((UUID firm, AccessSnapshot snapshot) -> snapshot.weight()).build();
    }

    void start(@Observes StartupEvent event) {
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
        subscriber.closeHandler(() -> {
            listening = false;
            snapshots.invalidateAll();
            Log.warn("access notifications disconnected: checks read the database until they are back");
        });
        subscriber.channel(CHANNEL)
                .subscribeHandler(() -> {
                    // Anything may have changed while we were not listening.
                    snapshots.invalidateAll();
                    listeningSince = System.nanoTime();
                    listening = true;
                    Log.info("listening for access changes: current checks are answered from memory");
                })
                .handler(payload -> changed(UUID.fromString(payload)));
        subscriber.connect().subscribe().with(ok -> { }, failure -> Log.warnf(
                "access notifications not connected yet (%s): retrying", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Something the firm's checks read has changed (committed). */
    public void changed(UUID firmId) {
        changedAt.put(firmId, System.nanoTime());
        snapshots.invalidate(firmId);
    }

    boolean listening() {
        return listening;
    }

    /**
     * The firm's current snapshot, from memory or loaded now; null while notifications are not being received
     * (the caller then asks the database). Must run on a reactive session (the caller's {@code @WithSession}).
     */
    Uni<AccessSnapshot> current(UUID firmId) {
        if (!listening) {
            return Uni.createFrom().nullItem();
        }
        AccessSnapshot cached = snapshots.getIfPresent(firmId);
        if (cached != null && fresh(cached)) {
            return Uni.createFrom().item(cached);
        }
        return load(firmId, System.nanoTime()).invoke(snapshot -> {
            if (listening && fresh(snapshot) && snapshot.loadedAt() > listeningSince) {
                snapshots.put(firmId, snapshot);
            }
        });
    }

    private boolean fresh(AccessSnapshot snapshot) {
        Long changed = changedAt.get(snapshot.firmId());
        return changed == null || changed - snapshot.loadedAt() < 0;
    }

    private Uni<AccessSnapshot> load(UUID firmId, long loadedAt) {
        Map<String, Object> firm = Map.of("firm", firmId);
        Map<UUID, Boolean> users = new HashMap<>();
        Set<UUID> administrators = new HashSet<>();
        Map<UUID, String> modes = new HashMap<>();
        Map<UUID, Lists> lists = new HashMap<>();
        Map<UUID, Set<UUID>> memberships = new HashMap<>();
        Map<UUID, GroupRef> groups = new HashMap<>();
        return db.rows("select cast(id as text), status <> 'deactivated' from app_user where firm_id = :firm", firm)
                .invoke(rows -> rows.forEach(r -> users.put(uuid(r[0]), (Boolean) r[1])))
                .chain(() -> db.rows("""
                        select cast(user_id as text) from effective_permission
                        where firm_id = :firm and permission = 'administrator' and valid_to is null""", firm))
                .invoke(rows -> rows.forEach(r -> administrators.add(uuid(r[0]))))
                .chain(() -> db.rows("""
                        select cast(m.id as text), a.mode from matter m
                        left join matter_access a on a.matter_id = m.id and a.valid_to is null
                        where m.firm_id = :firm""", firm))
                .invoke(rows -> rows.forEach(r -> modes.put(uuid(r[0]), r[1] == null ? AccessSnapshot.NO_MODE : (String) r[1])))
                .chain(() -> db.rows("""
                        select cast(matter_id as text), kind, cast(principal_id as text) from matter_access_entry
                        where firm_id = :firm and valid_to is null""", firm))
                .invoke(rows -> rows.forEach(r -> lists.computeIfAbsent(uuid(r[0]), m -> new Lists()).add((String) r[1], uuid(r[2]))))
                .chain(() -> db.rows("""
                        select cast(user_id as text), cast(group_id as text) from group_member
                        where firm_id = :firm and valid_to is null""", firm))
                .invoke(rows -> rows.forEach(r -> memberships.computeIfAbsent(uuid(r[0]), u -> new HashSet<>()).add(uuid(r[1]))))
                .chain(() -> db.rows("select cast(id as text), name from access_group where firm_id = :firm", firm))
                .invoke(rows -> rows.forEach(r -> groups.put(uuid(r[0]), new GroupRef(uuid(r[0]), (String) r[1]))))
                .map(ignored -> {
                    Map<UUID, AccessSnapshot.MatterList> frozen = new HashMap<>();
                    Map<UUID, Set<UUID>> byGroup = new HashMap<>();
                    lists.forEach((matter, list) -> {
                        frozen.put(matter, list.freeze());
                        list.groups.forEach(group -> byGroup.computeIfAbsent(group, g -> new HashSet<>()).add(matter));
                    });
                    Map<UUID, Set<UUID>> mattersByGroup = new HashMap<>();
                    byGroup.forEach((group, named) -> mattersByGroup.put(group, Set.copyOf(named)));
                    Map<UUID, Set<UUID>> members = new HashMap<>();
                    memberships.forEach((member, set) -> members.put(member, Set.copyOf(set)));
                    return new AccessSnapshot(firmId, Map.copyOf(users), Set.copyOf(administrators), Map.copyOf(modes),
                            Map.copyOf(frozen), Map.copyOf(members), Map.copyOf(groups), Map.copyOf(mattersByGroup), loadedAt);
                });
    }

    private static UUID uuid(Object text) {
        return UUID.fromString((String) text);
    }

    /** A matter's list while loading. */
    private static final class Lists {
        private final Set<UUID> blocked = new HashSet<>();
        private final Set<UUID> users = new HashSet<>();
        private final List<UUID> groups = new ArrayList<>();

        void add(String kind, UUID principal) {
            switch (kind) {
                case "block" -> blocked.add(principal);
                case "user" -> users.add(principal);
                case "group" -> groups.add(principal);
                default -> throw new IllegalStateException("unknown access list entry kind " + kind);
            }
        }

        AccessSnapshot.MatterList freeze() {
            return new AccessSnapshot.MatterList(Set.copyOf(blocked), Set.copyOf(users), List.copyOf(groups));
        }
    }
}
