package dev.lexguard.console.session;

import dev.lexguard.console.ConsoleConfig;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.GatewayClient;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The console's sessions: the browser holds a random cookie value, this table its hash, the CSRF token and the tokens
 * identity-service issued. Every method answers null where the cookie names no live session (the caller turns that
 * into the error page outside the transaction, so a removal here is kept).
 */
@ApplicationScoped
public class ConsoleSessions {

    private final ConsoleSessionRepository repository;
    private final GatewayClient gateway;
    private final ConsoleConfig config;

    public ConsoleSessions(ConsoleSessionRepository repository, GatewayClient gateway, ConsoleConfig config) {
        this.repository = repository;
        this.gateway = gateway;
        this.config = config;
    }

    /** A new anonymous session for the sign-in form; expired rows are swept on the way. */
    @WithTransaction
    public Uni<NewCookie> startAnonymous() {
        Instant now = Instant.now();
        return repository.deleteExpired(now).chain(ignored -> create(now, config.sessions().signInTimeout()));
    }

    /** The anonymous (or signed-in) session's sign-in state, or null. */
    @WithTransaction
    public Uni<Anonymous> anonymous(String cookie) {
        return live(cookie).map(session -> session == null ? null : new Anonymous(session.csrfToken, session.challengeToken,
                session.signedIn()));
    }

    /** Remembers identity's two-factor challenge between the two sign-in steps. */
    @WithTransaction
    public Uni<Boolean> awaitSecondFactor(String cookie, String challengeToken) {
        return live(cookie).map(session -> {
            if (session == null) {
                return false;
            }
            session.challengeToken = challengeToken;
            return true;
        });
    }

    /**
     * Signed in: the anonymous session is replaced by a new one under a new cookie value (a value planted before
     * sign-in is worth nothing after it), holding identity's tokens.
     */
    @WithTransaction
    public Uni<NewCookie> signIn(String previousCookie, JsonObject tokens, boolean administrator) {
        Instant now = Instant.now();
        Uni<Boolean> removed = CookieValues.wellFormed(previousCookie)
                ? repository.deleteById(CookieValues.hash(previousCookie)) : Uni.createFrom().item(false);
        return removed.chain(ignored -> create(now, config.sessions().idleTimeout()))
                .chain(created -> repository.findById(CookieValues.hash(created.value())).map(session -> {
                    store(session, tokens, now);
                    session.administrator = administrator;
                    return created;
                }));
    }

    /**
     * The signed-in session behind a cookie with an access token that is good for a while yet (refreshed through the
     * gateway under a row lock, so two pages of one browser never present one refresh token twice), or null when
     * there is none, it expired, or identity refused the refresh (the session then ends here too).
     */
    @WithTransaction
    public Uni<SignedIn> signedIn(String cookie, BrowserContext browser) {
        return live(cookie).chain(session -> {
            if (session == null || !session.signedIn()) {
                return Uni.createFrom().nullItem();
            }
            Instant now = Instant.now();
            session.lastSeenAt = now;
            session.expiresAt = now.plus(config.sessions().idleTimeout());
            if (session.accessExpiresAt.isAfter(now.plus(config.sessions().refreshAhead()))) {
                return Uni.createFrom().item(view(session));
            }
            return gateway.refresh(session.refreshToken, browser).chain(answer -> {
                if (!answer.ok()) {
                    Log.infof("identity refused the refresh of console session for identity session %s (status %d)",
                            session.identitySessionId, answer.status());
                    return repository.delete(session).replaceWith((SignedIn) null);
                }
                store(session, answer.body(), Instant.now());
                return Uni.createFrom().item(view(session));
            });
        });
    }

    /** Ends the console session; answers its last access token (to end identity's session too), or null. */
    @WithTransaction
    public Uni<SignedIn> end(String cookie) {
        return live(cookie).chain(session -> {
            if (session == null) {
                return Uni.createFrom().nullItem();
            }
            SignedIn last = session.signedIn() ? view(session) : null;
            return repository.delete(session).replaceWith(last);
        });
    }

    /** Remembers the otpauth URI of the enrolment identity just started (a wrong code is retried against the same QR). */
    @WithTransaction
    public Uni<Boolean> rememberEnrolment(String cookie, String otpauthUri) {
        return live(cookie).map(session -> {
            if (session == null || !session.signedIn()) {
                return false;
            }
            session.enrolmentUri = otpauthUri;
            return true;
        });
    }

    /**
     * Keeps the recovery codes identity just issued until the page that shows them is opened; the enrolment in progress,
     * if any, is over.
     */
    @WithTransaction
    public Uni<Boolean> keepRecoveryCodes(String cookie, List<String> codes) {
        return live(cookie).map(session -> {
            if (session == null || !session.signedIn()) {
                return false;
            }
            session.enrolmentUri = null;
            session.recoveryCodes = String.join("\n", codes);
            return true;
        });
    }

    /** The recovery codes kept for this session, removed in the same transaction: shown once, never on a reload. */
    @WithTransaction
    public Uni<List<String>> takeRecoveryCodes(String cookie) {
        return live(cookie).map(session -> {
            if (session == null || !session.signedIn() || session.recoveryCodes == null) {
                return List.of();
            }
            List<String> codes = List.of(session.recoveryCodes.split("\n"));
            session.recoveryCodes = null;
            return codes;
        });
    }

    private Uni<ConsoleSession> live(String cookie) {
        if (!CookieValues.wellFormed(cookie)) {
            return Uni.createFrom().nullItem();
        }
        return repository.findLocked(CookieValues.hash(cookie)).chain(session -> {
            if (session == null) {
                return Uni.createFrom().nullItem();
            }
            if (session.expiresAt.isBefore(Instant.now())) {
                return repository.delete(session).replaceWith((ConsoleSession) null);
            }
            return Uni.createFrom().item(session);
        });
    }

    private Uni<NewCookie> create(Instant now, Duration lifetime) {
        String value = CookieValues.random();
        ConsoleSession session = new ConsoleSession();
        session.id = CookieValues.hash(value);
        session.csrfToken = CookieValues.random();
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(lifetime);
        return repository.persist(session).map(ignored -> new NewCookie(value, session.csrfToken));
    }

    private static void store(ConsoleSession session, JsonObject tokens, Instant now) {
        session.challengeToken = null;
        session.accessToken = tokens.getString("accessToken");
        session.refreshToken = tokens.getString("refreshToken");
        session.accessExpiresAt = now.plusSeconds(tokens.getLong("expiresIn", 60L));
        String sid = tokens.getString("sessionId");
        session.identitySessionId = sid == null ? session.identitySessionId : UUID.fromString(sid);
    }

    private static SignedIn view(ConsoleSession session) {
        return new SignedIn(session.accessToken, session.csrfToken, session.identitySessionId, session.administrator,
                session.enrolmentUri);
    }
}
