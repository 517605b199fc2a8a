package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.CookieValues;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.SessionCookie;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** The signed-in session behind a request, or the error page: what every page behind sign-in starts with. */
@ApplicationScoped
public class SignedInRequests {

    private final ConsoleSessions sessions;
    private final SessionCookie cookie;

    public SignedInRequests(ConsoleSessions sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
    }

    public Uni<SignedIn> signedIn(HttpServerRequest request, BrowserContext browser) {
        return sessions.signedIn(cookie.read(request), browser).map(me -> {
            if (me == null) {
                throw ConsoleProblem.sessionInvalid();
            }
            return me;
        });
    }

    /** A signed-in form: its CSRF token must be the session's. */
    public Uni<SignedIn> signedInForm(HttpServerRequest request, BrowserContext browser, String csrf) {
        return signedIn(request, browser).map(me -> {
            if (!CookieValues.same(me.csrfToken(), csrf)) {
                throw ConsoleProblem.csrf();
            }
            return me;
        });
    }

    /**
     * An administrators' page: refused here, before any call, to whoever identity did not name an administrator at
     * sign-in (the API refuses them on its own as well; someone made an administrator since signs in again to see it).
     */
    public Uni<SignedIn> administrator(HttpServerRequest request, BrowserContext browser) {
        return signedIn(request, browser).map(me -> {
            if (!me.administrator()) {
                throw ConsoleProblem.forbidden();
            }
            return me;
        });
    }
}
