package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.twofactor.SecretBox;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;

/**
 * Connecting a firm to its Keycloak realm. Connecting checks the service account by using it: LexGuard's sign-in
 * client and the firm's groups are created (or repaired) in the realm before anything is stored, so bad
 * credentials or missing roles store nothing. The Keycloak calls block and run on the worker pool between two
 * short reactive transactions (never one transaction held open across a remote call).
 */
@ApplicationScoped
public class KeycloakConnectionService {

    static final String ADMIN_SECRET_PURPOSE = "lexguard.keycloak.admin-client-secret";
    static final String SIGNIN_SECRET_PURPOSE = "lexguard.keycloak.signin-client-secret";

    private final KeycloakConnectionRepository connections;
    private final ProvisioningStore store;
    private final KeycloakClients clients;
    private final RealmSetup realmSetup;
    private final SecretBox box;
    private final OutboxWriter outbox;
    private final KeycloakConfig config;
    private final UserRepository users;

    public KeycloakConnectionService(KeycloakConnectionRepository connections, ProvisioningStore store,
            KeycloakClients clients, RealmSetup realmSetup, SecretBox box, OutboxWriter outbox, KeycloakConfig config,
            UserRepository users) {
        this.users = users;
        this.connections = connections;
        this.store = store;
        this.clients = clients;
        this.realmSetup = realmSetup;
        this.box = box;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<ConnectionResponse> connect(UUID firmId, UUID adminId, ConnectRequest request) {
        KeycloakTarget target = new KeycloakTarget(firmId, serverUrl(request.serverUrl()), request.realm().strip(),
                request.clientId().strip(), request.clientSecret());
        return Panache.withSession(() -> store.firmGroupIds(firmId))
                .chain(groupIds -> Blocking.call(() -> setUp(target, groupIds)))
                .chain(setup -> Panache.withTransaction(() -> store(firmId, adminId, target, setup)))
                .invoke(() -> clients.forget(firmId));
    }

    private RealmSetup.Result setUp(KeycloakTarget target, Set<UUID> groupIds) {
        try (Keycloak keycloak = clients.once(target)) {
            return realmSetup.setUp(keycloak, target.realm(), groupIds);
        } catch (BusinessRuleProblem e) {
            throw e;
        } catch (RuntimeException e) {
            if (KeycloakEgress.refusedTarget(e)) {
                Log.infof("connecting firm %s to Keycloak at %s: the egress refused the address", target.firmId(),
                        target.serverUrl());
                throw KeycloakEgress.refused();
            }
            KeycloakFailure failure = KeycloakFailure.of(e);
            Log.infof("connecting firm %s to Keycloak realm %s at %s failed: %s", target.firmId(), target.realm(),
                    target.serverUrl(), failure.describe());
            throw problem(failure, target);
        }
    }

    private Uni<ConnectionResponse> store(UUID firmId, UUID adminId, KeycloakTarget target, RealmSetup.Result setup) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return connections.findById(firmId).chain(existing -> {
            boolean reconnected = existing != null;
            boolean otherRealm = reconnected && (!existing.serverUrl().equals(target.serverUrl())
                    || !existing.realm().equals(target.realm()));
            KeycloakConnection connection = reconnected ? existing : new KeycloakConnection(firmId, adminId, now);
            // the owner trusted that provider's second factor, not the next one's
            String previousRealm = reconnected ? existing.realm() : null;
            boolean trustCleared = otherRealm && connection.trustSecondFactor(false, adminId, now);
            connection.configure(target,
                    box.seal(target.clientSecret().getBytes(StandardCharsets.UTF_8), ADMIN_SECRET_PURPOSE, firmId),
                    setup, box.seal(setup.signInClientSecret().getBytes(StandardCharsets.UTF_8), SIGNIN_SECRET_PURPOSE,
                            firmId), adminId, now);
            Uni<Void> saved = reconnected ? connections.flush() : connections.persistAndFlush(connection).replaceWithVoid();
            return saved
                    .chain(() -> otherRealm ? store.forgetLinks(firmId) : Uni.createFrom().voidItem())
                    .chain(() -> store.linkGroups(firmId, setup.groups()))
                    .chain(() -> store.enqueueAll(firmId, "keycloak.connected"))
                    .chain(() -> outbox.append(IdentityEvents.byUser(KeycloakEvents.CONNECTED, firmId, firmId, adminId,
                            new KeycloakEvents.Connected(target.serverUrl(), target.realm(), target.clientId(),
                                    setup.signInClientId(), reconnected, setup.groupsCreated().size()))))
                    .chain(() -> groupEvents(firmId, setup))
                    .chain(() -> trustCleared ? trustEvent(firmId, previousRealm, false, "realm-changed", adminId)
                            : Uni.createFrom().voidItem())
                    .chain(() -> store.queueState(firmId))
                    .map(queue -> ConnectionResponse.of(connection, queue));
        });
    }

    private Uni<Void> groupEvents(UUID firmId, RealmSetup.Result setup) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID groupId : setup.groups().keySet()) {
            String action = setup.groupsCreated().contains(groupId) ? "created" : "linked";
            chain = chain.chain(() -> outbox.append(IdentityEvents.bySystem(KeycloakEvents.GROUP_PROVISIONED,
                    groupId.toString(), firmId, new KeycloakEvents.GroupProvisioned(groupId, setup.groups().get(groupId),
                            action))));
        }
        return chain;
    }

    public Uni<ConnectionResponse> show(UUID firmId) {
        return Panache.withSession(() -> connections.findById(firmId).chain(connection -> {
            if (connection == null) {
                throw new NotFoundProblem("This firm is not connected to Keycloak");
            }
            return store.queueState(firmId).map(queue -> ConnectionResponse.of(connection, queue));
        }));
    }

    /**
     * The owner's opt-in (or its withdrawal) to let Keycloak's second factor stand in for LexGuard's at sign-on. Only
     * the firm's owner decides: an administrator gets 403 {@code owner-only} before {@code freshSecondFactor} (the
     * step-up check) runs, so the answer does not depend on how the administrator signed in.
     */
    public Uni<ConnectionResponse> trustSecondFactor(UUID firmId, UUID actorId, boolean trusted,
            Runnable freshSecondFactor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> users.findInFirm(firmId, actorId).chain(actor -> {
            if (actor == null || !actor.isOwner()) {
                throw new ForbiddenProblem("owner-only", "Only the firm's owner decides whether Keycloak's second"
                        + " factor stands in for LexGuard's");
            }
            freshSecondFactor.run();
            return connections.findById(firmId);
        }).chain(connection -> {
            if (connection == null) {
                throw new NotFoundProblem("This firm is not connected to Keycloak");
            }
            boolean changed = connection.trustSecondFactor(trusted, actorId, now);
            return (changed ? trustEvent(firmId, connection.realm(), trusted, "owner", actorId)
                    : Uni.createFrom().voidItem())
                    .chain(() -> store.queueState(firmId))
                    .map(queue -> ConnectionResponse.of(connection, queue));
        }));
    }

    private Uni<Void> trustEvent(UUID firmId, String realm, boolean trusted, String reason, UUID actorId) {
        return outbox.append(IdentityEvents.byUser(KeycloakEvents.SECOND_FACTOR_TRUST_CHANGED, firmId, firmId, actorId,
                new KeycloakEvents.SecondFactorTrustChanged(trusted, realm,
                        trusted ? SsoService.TRUSTED_SECOND_FACTORS : null, reason)));
    }

    /** Ends provisioning and SSO for the firm. What LexGuard created in the realm stays there (it is the firm's). */
    public Uni<Void> disconnect(UUID firmId, UUID adminId) {
        return Panache.withTransaction(() -> connections.findById(firmId).chain(connection -> {
            if (connection == null) {
                throw new NotFoundProblem("This firm is not connected to Keycloak");
            }
            return store.dropJobs(firmId).chain(dropped -> store.forgetLinks(firmId)
                    .chain(() -> connections.delete(connection))
                    .chain(() -> outbox.append(IdentityEvents.byUser(KeycloakEvents.DISCONNECTED, firmId, firmId, adminId,
                            new KeycloakEvents.Disconnected(connection.realm(), dropped)))));
        })).invoke(() -> clients.forget(firmId));
    }

    /** The connection's service account with its secret opened, for a job or a reconciliation. */
    KeycloakTarget target(KeycloakConnection connection) {
        String secret = new String(box.open(connection.adminClientSecretSealed(), ADMIN_SECRET_PURPOSE,
                connection.firmId()), StandardCharsets.UTF_8);
        return new KeycloakTarget(connection.firmId(), connection.serverUrl(), connection.realm(),
                connection.adminClientId(), secret);
    }

    /** The sign-in client's secret, opened for a code exchange. */
    String signInClientSecret(KeycloakConnection connection) {
        return new String(box.open(connection.signInClientSecretSealed(), SIGNIN_SECRET_PURPOSE, connection.firmId()),
                StandardCharsets.UTF_8);
    }

    /** The server's base URL: https (http only where allowed), no path beyond Keycloak's own, no query or user info. */
    String serverUrl(String given) {
        URI uri;
        try {
            uri = new URI(given.strip());
        } catch (URISyntaxException e) {
            throw badUrl("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            throw badUrl(config.allowHttp() ? "must be http or https" : "must be https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw badUrl("must be a server address like https://sso.example.com, without user info, query or fragment");
        }
        return (scheme + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()))
                .replaceFirst("/+$", "");
    }

    private static BadRequestProblem badUrl(String why) {
        return new BadRequestProblem("validation", "The Keycloak server URL " + why,
                List.of(new FieldError("serverUrl", why)));
    }

    private static BusinessRuleProblem problem(KeycloakFailure failure, KeycloakTarget target) {
        return switch (failure.kind()) {
            case KEYCLOAK_REFUSED_CREDENTIALS -> new BusinessRuleProblem("keycloak-credentials-refused",
                    "Keycloak refused the service account: check the client id and secret of realm " + target.realm());
            case KEYCLOAK_FORBIDDEN -> new BusinessRuleProblem("keycloak-permissions-missing",
                    "The service account of realm " + target.realm() + " lacks realm-management roles: it needs "
                            + "manage-users and manage-clients");
            // no answer, an answer that is not Keycloak's and an unknown realm read alike: the answer must not
            // tell an administrator what a host behind the URL is or whether it answered
            default -> new BusinessRuleProblem("keycloak-unreachable", "LexGuard could not set up realm "
                    + target.realm() + " at this Keycloak URL: check the URL and the realm, and that Keycloak answers");
        };
    }
}
