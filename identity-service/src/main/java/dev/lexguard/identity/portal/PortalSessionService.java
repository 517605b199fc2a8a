package dev.lexguard.identity.portal;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.NativeSql;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionTokens;
import dev.lexguard.identity.tokens.AccessTokenIssuer;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Portal sessions: an access token with the portal audience and a rotating refresh token (a rotated-away token
 * coming back ends the session, as for firm users). {@link #start} and {@link #endAll} join the caller's
 * transaction.
 */
@ApplicationScoped
public class PortalSessionService {

    public static final String REFRESH_PREFIX = "lgpr_";
    static final String LOGOUT = "logout";
    static final String REFRESH_REUSE = "refresh_reuse";
    static final String ACCOUNT_DISABLED = "account_disabled";
    static final String REVOKED = "revoked";
    static final String WATERMARK_RAISED = "watermark_raised";
    static final String PASSWORD_RESET = "password_reset";
    static final String DISOWNED = "disowned";

    private final PortalSessionRepository sessions;
    private final PortalAccountRepository accounts;
    private final AccessTokenIssuer issuer;
    private final OutboxWriter outbox;
    private final IdentityConfig config;

    public PortalSessionService(PortalSessionRepository sessions, PortalAccountRepository accounts,
            AccessTokenIssuer issuer, OutboxWriter outbox, IdentityConfig config) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.issuer = issuer;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<SessionTokens> start(PortalAccount account, List<String> amr, ClientInfo client) {
        Instant now = now();
        PortalSession session = new PortalSession(account, String.join(" ", amr), client.ip(), client.userAgent(), now,
                now.plus(config.tokens().portalSessionLifetime()));
        // flushed now: the refresh token's row (native SQL) refers to it
        return sessions.persistAndFlush(session)
                .chain(() -> outbox.append(PortalEvents.byContact(PortalEvents.SIGNED_IN, account,
                        new PortalEvents.SignedIn(account.id(), session.id(), amr, client.ip(), client.userAgent()))))
                .chain(() -> tokensFor(account, session, amr, now));
    }

    /** New tokens for a current refresh token; null when it is unknown, spent, or its session or account is over. */
    @WithTransaction
    public Uni<SessionTokens> refresh(String refreshToken) {
        if (!OpaqueTokens.wellFormed(REFRESH_PREFIX, refreshToken)) {
            return Uni.createFrom().nullItem();
        }
        byte[] hash = OpaqueTokens.hash(refreshToken);
        Instant now = now();
        // consumed first, as for firm users' tokens: of two requests with one token exactly one rotates it
        return NativeSql.rows("update portal_refresh_token set consumed_at = :now where token_hash = :hash"
                        + " and consumed_at is null returning session_id", Map.of("now", now, "hash", hash))
                .chain(rotated -> !rotated.isEmpty()
                        ? rotate((UUID) rotated.get(0), now)
                        : NativeSql.rows("select session_id from portal_refresh_token where token_hash = :hash",
                                        Map.of("hash", hash))
                                .chain(known -> known.isEmpty() ? Uni.createFrom().<SessionTokens>nullItem()
                                        : sessions.lock((UUID) known.get(0)).chain(session -> session == null
                                                || !session.isOpen(now) ? Uni.createFrom().<SessionTokens>nullItem()
                                                : reused(session, now))));
    }

    private Uni<SessionTokens> rotate(UUID sessionId, Instant now) {
        return sessions.lock(sessionId).chain(session -> session == null || !session.isOpen(now)
                ? Uni.createFrom().nullItem()
                : accounts.findById(session.accountId()).chain(account -> {
                    if (account == null || !account.isActive()) {
                        return Uni.createFrom().nullItem();
                    }
                    session.refreshed(now);
                    return tokensFor(account, session, Arrays.asList(session.amr().split(" ")), now);
                }));
    }

    /** A rotated-away refresh token came back: whoever holds it is not to be trusted, the session ends. */
    private Uni<SessionTokens> reused(PortalSession session, Instant now) {
        return accounts.findById(session.accountId())
                .chain(account -> end(account, session, REFRESH_REUSE, null, now))
                .replaceWith((SessionTokens) null);
    }

    /** The contact's own open session, for endpoints that need one (a token is only as good as its session). */
    public Uni<PortalAccount> openAccount(PortalTokenVerifier.PortalCaller caller) {
        Instant now = now();
        return sessions.findById(caller.sessionId()).chain(session -> session == null
                || !session.firmId().equals(caller.firmId()) || !session.accountId().equals(caller.accountId())
                || !session.isOpen(now)
                ? Uni.createFrom().nullItem()
                : accounts.findInFirm(caller.firmId(), caller.accountId())
                        .map(account -> account != null && account.isActive() ? account : null));
    }

    /** Ends the caller's session; false if it was already over. */
    @WithTransaction
    public Uni<Boolean> logout(PortalTokenVerifier.PortalCaller caller) {
        return sessions.lock(caller.sessionId()).chain(session -> {
            if (session == null || !session.accountId().equals(caller.accountId()) || session.endedAt() != null) {
                return Uni.createFrom().item(false);
            }
            return accounts.findById(session.accountId())
                    .chain(account -> end(account, session, LOGOUT, account.id(), now())).replaceWith(true);
        });
    }

    /** Ends every open session of the account, each with its event; returns how many ended. */
    public Uni<Integer> endAll(PortalAccount account, String reason, UUID actorId) {
        Instant now = now();
        return sessions.lockOpen(account.firmId(), account.id()).chain(open -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PortalSession session : open) {
                chain = chain.chain(() -> end(account, session, reason, actorId, now));
            }
            return chain.replaceWith(open.size());
        });
    }

    /**
     * sessions-service ended one portal session (the contact, an administrator, a lifetime): its refresh token stops
     * working and {@code portal.sessionEnded} follows. Inside the caller's transaction; false if it was already over.
     */
    public Uni<Boolean> revoke(UUID firmId, UUID sessionId, UUID actorId) {
        return sessions.lock(sessionId).chain(session -> {
            if (session == null || !session.firmId().equals(firmId) || session.endedAt() != null) {
                return Uni.createFrom().item(false);
            }
            return accounts.findById(session.accountId())
                    .chain(account -> end(account, session, REVOKED, actorId, now())).replaceWith(true);
        });
    }

    /**
     * A watermark from sessions-service: ends the contact's (with {@code accountId} null, the whole firm's) open portal
     * sessions started before {@code before}, except {@code except}, each with its event. Inside the caller's
     * transaction; returns how many ended.
     */
    public Uni<Integer> raiseWatermark(UUID firmId, UUID accountId, Instant before, UUID except, UUID actorId) {
        Instant now = now();
        return sessions.lockOpenStartedBefore(firmId, accountId, before).chain(open -> {
            List<PortalSession> toEnd = open.stream().filter(s -> !s.id().equals(except)).toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PortalSession session : toEnd) {
                chain = chain.chain(() -> accounts.findById(session.accountId())
                        .chain(account -> end(account, session, WATERMARK_RAISED, actorId, now)));
            }
            return chain.replaceWith(toEnd.size());
        });
    }

    private Uni<Void> end(PortalAccount account, PortalSession session, String reason, UUID actorId, Instant now) {
        session.end(reason, now);
        PortalEvents.SessionEnded data = new PortalEvents.SessionEnded(account.id(), session.id(), reason,
                session.clientIp());
        return outbox.append(actorId == null || actorId.equals(account.id())
                ? PortalEvents.byContact(PortalEvents.SESSION_ENDED, account, data)
                : PortalEvents.byUser(PortalEvents.SESSION_ENDED, account, actorId, data));
    }

    private Uni<SessionTokens> tokensFor(PortalAccount account, PortalSession session, List<String> amr, Instant now) {
        String refresh = OpaqueTokens.mint(REFRESH_PREFIX);
        return NativeSql.update("insert into portal_refresh_token (token_hash, session_id, firm_id, created_at)"
                        + " values (:hash, :session, :firm, :now)",
                        Map.of("hash", OpaqueTokens.hash(refresh), "session", session.id(), "firm", session.firmId(),
                                "now", now))
                .map(ignored -> {
                    AccessTokenIssuer.AccessToken access = issuer.issueForContact(account.firmId(), account.id(),
                            account.email(), session.id(), amr, session.createdAt());
                    return new SessionTokens(session.id(), access.value(), access.expiresIn(), access.expiresAt(),
                            refresh, session.expiresAt());
                });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
