package dev.lexguard.console.session;

import dev.lexguard.console.ConsoleConfig;
import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
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
 * into the error page outside the transaction, so a removal here is kept). A session is a firm user's or a contact's
 * (the client portal, for one firm): the firm's methods refuse a signed-in contact's session with the 403 page, the
 * portal's a signed-in firm user's, and neither kind's sign-in form takes up the other's anonymous session.
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
        return repository.deleteExpired(now).chain(ignored -> create(now, config.sessions().signInTimeout(), null));
    }

    /** A new anonymous session for a firm's portal sign-in form (a contact's from the start). */
    @WithTransaction
    public Uni<NewCookie> startPortal(UUID firm) {
        Instant now = Instant.now();
        return repository.deleteExpired(now).chain(ignored -> create(now, config.sessions().signInTimeout(), firm));
    }

    /**
     * The firm user's anonymous (or signed-in) session's sign-in state, or null (a contact's anonymous session is not
     * this sign-in's); a signed-in contact's session is refused with the 403 page.
     */
    @WithTransaction
    public Uni<Anonymous> anonymous(String cookie) {
        return live(cookie).map(session -> {
            if (session == null) {
                return null;
            }
            if (session.contact()) {
                if (session.signedIn()) {
                    throw ConsoleProblem.forbidden();
                }
                return null;
            }
            return new Anonymous(session.csrfToken, session.challengeToken, session.signedIn());
        });
    }

    /**
     * The portal sign-in's state of a contact's session for this firm's portal, or null (a firm user's anonymous session,
     * another firm's portal session); a signed-in firm user's session is refused with the 403 page.
     */
    @WithTransaction
    public Uni<Anonymous> portalAnonymous(String cookie, UUID firm) {
        return live(cookie).map(session -> {
            if (session == null) {
                return null;
            }
            if (!session.contact()) {
                if (session.signedIn()) {
                    throw ConsoleProblem.forbidden();
                }
                return null;
            }
            if (!firm.equals(session.portalFirmId)) {
                return null;
            }
            return new Anonymous(session.csrfToken, session.challengeToken, session.signedIn());
        });
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
        return replace(previousCookie, tokens, administrator, null);
    }

    /**
     * A contact signed in to a firm's portal: as for a firm user, the anonymous session is replaced by a new one under a
     * new cookie value, of kind contact, for this firm, with the same idle timeout.
     */
    @WithTransaction
    public Uni<NewCookie> portalSignIn(String previousCookie, JsonObject tokens, UUID firm) {
        return replace(previousCookie, tokens, false, firm);
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
            if (session.contact()) {
                // a contact's session is the portal's only: no firm page, no refresh here
                return Uni.createFrom().failure(ConsoleProblem.forbidden());
            }
            return fresh(session, browser).map(kept -> kept == null ? null : view(kept));
        });
    }

    /**
     * A contact's signed-in session on its own firm's portal, refreshed like a firm user's (through identity's portal
     * refresh), or null; a signed-in firm user's session is refused with the 403 page, another firm's contact with the
     * 404 page (the firm in the address is not theirs).
     */
    @WithTransaction
    public Uni<SignedInContact> contact(String cookie, UUID firm, BrowserContext browser) {
        return live(cookie).chain(session -> {
            if (session == null || !session.signedIn()) {
                return Uni.createFrom().nullItem();
            }
            if (!session.contact()) {
                return Uni.createFrom().failure(ConsoleProblem.forbidden());
            }
            if (!firm.equals(session.portalFirmId)) {
                return Uni.createFrom().failure(ConsoleProblem.notFound());
            }
            return fresh(session, browser).map(kept -> kept == null ? null : contactView(kept));
        });
    }

    /**
     * Signs a contact out of the console: checks the form's CSRF token against the session's, ends the session and
     * answers its access token, refreshed first when it was about to expire so identity's portal logout still takes it
     * (null when the session was never signed in or identity refused the refresh). No session is the 401 page; a firm user's
     * session is the 403 page, another firm's contact the 404 page, a wrong token the 403 form page, each ending nothing.
     */
    @WithTransaction
    public Uni<SignedInContact> endContact(String cookie, UUID firm, String csrf, BrowserContext browser) {
        return live(cookie).chain(session -> {
            if (session == null) {
                return Uni.createFrom().failure(ConsoleProblem.sessionInvalid());
            }
            if (!session.contact()) {
                return Uni.createFrom().failure(session.signedIn() ? ConsoleProblem.forbidden() : ConsoleProblem.sessionInvalid());
            }
            if (!firm.equals(session.portalFirmId)) {
                return Uni.createFrom().failure(ConsoleProblem.notFound());
            }
            if (!CookieValues.same(session.csrfToken, csrf)) {
                return Uni.createFrom().failure(ConsoleProblem.csrf());
            }
            if (!session.signedIn()) {
                return repository.delete(session).replaceWith((SignedInContact) null);
            }
            return fresh(session, browser).chain(kept -> kept == null ? Uni.createFrom().nullItem()
                    : repository.delete(kept).replaceWith(contactView(kept)));
        });
    }

    /** Ends the console session; answers its last access token (to end identity's session too), or null. */
    @WithTransaction
    public Uni<SignedIn> end(String cookie) {
        return live(cookie).chain(session -> {
            if (session == null || session.contact()) {
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
            if (session == null || !session.signedIn() || session.contact()) {
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
            if (session == null || !session.signedIn() || session.contact()) {
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
            if (session == null || !session.signedIn() || session.contact() || session.recoveryCodes == null) {
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

    /**
     * Keeps a signed-in session alive for another idle timeout and its access token fresh: refreshed under the row lock
     * when it has little left, through identity's portal refresh for a contact and its firm users' refresh otherwise.
     * Null when identity refused the refresh: the session then ends here too.
     */
    private Uni<ConsoleSession> fresh(ConsoleSession session, BrowserContext browser) {
        Instant now = Instant.now();
        session.lastSeenAt = now;
        session.expiresAt = now.plus(config.sessions().idleTimeout());
        if (session.accessExpiresAt.isAfter(now.plus(config.sessions().refreshAhead()))) {
            return Uni.createFrom().item(session);
        }
        Uni<ApiAnswer> refreshed = session.contact() ? gateway.portalRefresh(session.refreshToken, browser)
                : gateway.refresh(session.refreshToken, browser);
        return refreshed.chain(answer -> {
            if (!answer.ok()) {
                Log.infof("identity refused the refresh of a %s's console session for identity session %s (status %d)",
                        session.kind, session.identitySessionId, answer.status());
                return repository.delete(session).replaceWith((ConsoleSession) null);
            }
            store(session, answer.body(), Instant.now());
            return Uni.createFrom().item(session);
        });
    }

    private Uni<NewCookie> replace(String previousCookie, JsonObject tokens, boolean administrator, UUID portalFirm) {
        Instant now = Instant.now();
        Uni<Boolean> removed = CookieValues.wellFormed(previousCookie)
                ? repository.deleteById(CookieValues.hash(previousCookie)) : Uni.createFrom().item(false);
        return removed.chain(ignored -> create(now, config.sessions().idleTimeout(), portalFirm))
                .chain(created -> repository.findById(CookieValues.hash(created.value())).map(session -> {
                    store(session, tokens, now);
                    session.administrator = administrator;
                    return created;
                }));
    }

    /** A new session: a firm user's when portalFirm is null, else a contact's on that firm's portal. */
    private Uni<NewCookie> create(Instant now, Duration lifetime, UUID portalFirm) {
        String value = CookieValues.random();
        ConsoleSession session = new ConsoleSession();
        session.id = CookieValues.hash(value);
        session.kind = portalFirm == null ? ConsoleSession.USER : ConsoleSession.CONTACT;
        session.portalFirmId = portalFirm;
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

    private static SignedInContact contactView(ConsoleSession session) {
        return new SignedInContact(session.accessToken, session.csrfToken, session.identitySessionId, session.portalFirmId);
    }

    private static SignedIn view(ConsoleSession session) {
        return new SignedIn(session.accessToken, session.csrfToken, session.identitySessionId, session.administrator,
                session.enrolmentUri);
    }
}
