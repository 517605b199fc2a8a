package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.Anonymous;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.CookieValues;
import dev.lexguard.console.session.SignedInContact;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.PortalPaths;
import dev.lexguard.console.web.PortalShareView;
import dev.lexguard.console.web.SessionCookie;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * The client portal for contacts, one firm's at {@code /console/portal/{firmId}}: sign-in through identity's portal
 * sign-in (password, then a TOTP or recovery code when the contact turned it on), the shares sharing-service lists for
 * the contact, opening one (which sharing-service records as evidence), and sign-out (identity's portal logout).
 */
@Path("/portal/{firm}")
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

    private static final int MAX_FIELD = 1024;

    private final ConsoleSessions sessions;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public PortalPages(ConsoleSessions sessions, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.sessions = sessions;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Response home(@PathParam("firm") String firmId) {
        return PageAnswers.seeOther(PortalPaths.shares(firm(firmId))).build();
    }

    @GET
    @Path("sign-in")
    public Uni<Response> signInPage(@PathParam("firm") String firmId, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        return sessions.portalAnonymous(cookie.read(request), firm).chain(current -> {
            if (current != null && current.signedIn()) {
                return Uni.createFrom().item(PageAnswers.seeOther(PortalPaths.shares(firm)).build());
            }
            return sessions.startPortal(firm).map(created -> Response.ok(pages.portalSignIn(firm, created.csrfToken(), null, null),
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Set-Cookie", cookie.set(request, created.value())).build());
        });
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@PathParam("firm") String firmId, @FormParam("csrf") String csrf, @FormParam("email") String email,
            @FormParam("password") String password, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        String value = cookie.read(request);
        BrowserContext browser = SessionCookie.browser(request);
        return anonymous(value, firm, csrf).chain(current -> {
            if (blank(email) || blank(password) || email.length() > MAX_FIELD || password.length() > MAX_FIELD) {
                return Uni.createFrom().item(PageAnswers.html(400, pages.portalSignIn(firm, current.csrfToken(), trim(email),
                        "Enter your email address and your password.")));
            }
            return gateway.portalLogin(firm, email.trim(), password, browser).chain(answer -> {
                if (answer.status() == 200) {
                    return afterStep(firm, value, request, answer.body());
                }
                return Uni.createFrom().item(PageAnswers.html(answer.status() == 429 ? 429 : 401,
                        pages.portalSignIn(firm, current.csrfToken(), trim(email), refusal(answer))));
            });
        });
    }

    @GET
    @Path("sign-in/two-factor")
    public Uni<Response> twoFactorPage(@PathParam("firm") String firmId, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        return sessions.portalAnonymous(cookie.read(request), firm).map(current -> {
            if (current == null || current.challengeToken() == null) {
                return PageAnswers.seeOther(PortalPaths.signIn(firm)).build();
            }
            return PageAnswers.html(200, pages.portalTwoFactor(firm, current.csrfToken(), null));
        });
    }

    @POST
    @Path("sign-in/two-factor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> twoFactor(@PathParam("firm") String firmId, @FormParam("csrf") String csrf, @FormParam("code") String code,
            @FormParam("recoveryCode") String recoveryCode, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        String value = cookie.read(request);
        BrowserContext browser = SessionCookie.browser(request);
        return anonymous(value, firm, csrf).chain(current -> {
            if (current.challengeToken() == null) {
                return Uni.createFrom().item(PageAnswers.seeOther(PortalPaths.signIn(firm)).build());
            }
            boolean useRecovery = blank(code) && !blank(recoveryCode);
            if ((blank(code) && blank(recoveryCode)) || (code != null && code.length() > 64)
                    || (recoveryCode != null && recoveryCode.length() > 64)) {
                return Uni.createFrom().item(PageAnswers.html(400, pages.portalTwoFactor(firm, current.csrfToken(),
                        "Enter the code from your authenticator app, or a recovery code.")));
            }
            return gateway.portalLoginTwoFactor(current.challengeToken(), useRecovery ? null : code.trim(),
                    useRecovery ? recoveryCode.trim() : null, browser).chain(answer -> {
                        if (answer.status() == 200) {
                            return afterStep(firm, value, request, answer.body());
                        }
                        if (answer.body().getString("type", "").endsWith("/invalid-challenge")) {
                            return Uni.createFrom().item(PageAnswers.html(401, pages.portalSignIn(firm, current.csrfToken(), null,
                                    "The sign-in took too long or too many codes were wrong. Sign in again.")));
                        }
                        return Uni.createFrom().item(PageAnswers.html(answer.status() == 429 ? 429 : 401,
                                pages.portalTwoFactor(firm, current.csrfToken(), "That code is not correct. Try the next one.")));
                    });
        });
    }

    @GET
    @Path("shares")
    public Uni<Response> shares(@PathParam("firm") String firmId, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther(PortalPaths.signIn(firm)).build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return contact(request, firm, browser).chain(me -> gateway.portalShares(me.accessToken(), browser).map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return PageAnswers.html(200, pages.portalShares(me, PortalShareView.page(answer.body(), Instant.now()),
                    answer.body().getString("nextCursor") != null));
        }));
    }

    /** Opens one share: sharing-service records the open; another contact's, a revoked or an expired share is its 404. */
    @GET
    @Path("shares/{id}")
    public Uni<Response> share(@PathParam("firm") String firmId, @PathParam("id") String id, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        UUID share = PortalPaths.id(id);
        if (share == null) {
            throw ConsoleProblem.notFound();
        }
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther(PortalPaths.signIn(firm)).build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return contact(request, firm, browser).chain(me -> gateway.portalShare(me.accessToken(), share, browser).map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return PageAnswers.html(200, pages.portalShare(me, PortalShareView.of(answer.body(), Instant.now())));
        }));
    }

    /** Ends the console session, then identity's portal session (the gateway refuses its token from that answer on). */
    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@PathParam("firm") String firmId, @FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        UUID firm = firm(firmId);
        BrowserContext browser = SessionCookie.browser(request);
        return sessions.endContact(cookie.read(request), firm, csrf, browser).chain(last -> {
            Uni<ApiAnswer> revoked = last == null ? Uni.createFrom().nullItem() : gateway.portalLogout(last.accessToken(), browser);
            return revoked.map(answer -> {
                if (answer != null && !answer.ok()) {
                    Log.infof("identity answered %d to the portal sign-out of session %s", answer.status(), last.identitySessionId());
                }
                return PageAnswers.seeOther(PortalPaths.signIn(firm)).header("Set-Cookie", cookie.clear(request)).build();
            });
        });
    }

    private Uni<Response> afterStep(UUID firm, String previous, HttpServerRequest request, JsonObject body) {
        String status = body.getString("status");
        if ("authenticated".equals(status)) {
            return sessions.portalSignIn(previous, body, firm).map(created -> PageAnswers.seeOther(PortalPaths.shares(firm))
                    .header("Set-Cookie", cookie.set(request, created.value())).build());
        }
        if ("two_factor_required".equals(status)) {
            return sessions.awaitSecondFactor(previous, body.getString("challengeToken")).map(kept -> {
                if (!kept) {
                    throw ConsoleProblem.sessionInvalid();
                }
                return PageAnswers.seeOther(PortalPaths.signIn(firm) + "/two-factor").build();
            });
        }
        throw new ConsoleProblem(409, "A new authenticator app is needed",
                "One of your sessions was reported as not yours: set up your authenticator app again before you sign in. "
                        + "Ask the firm that invited you if you need help.", false);
    }

    private Uni<Anonymous> anonymous(String value, UUID firm, String csrf) {
        return sessions.portalAnonymous(value, firm).map(current -> {
            if (current == null) {
                throw ConsoleProblem.sessionInvalid();
            }
            if (!CookieValues.same(current.csrfToken(), csrf)) {
                throw ConsoleProblem.csrf();
            }
            return current;
        });
    }

    private Uni<SignedInContact> contact(HttpServerRequest request, UUID firm, BrowserContext browser) {
        return sessions.contact(cookie.read(request), firm, browser).map(me -> {
            if (me == null) {
                throw ConsoleProblem.sessionInvalid();
            }
            return me;
        });
    }

    private static String refusal(ApiAnswer answer) {
        if (answer.status() == 429) {
            return "Too many attempts. Wait a few minutes, then try again.";
        }
        if (answer.body().getString("type", "").endsWith("/password-reset-required")) {
            return "This account needs a new password before it can sign in: ask for a password reset link.";
        }
        return "The email address or password is not correct.";
    }

    /** The firm an address names; a malformed id names nothing (the 404 page, before any call). */
    private static UUID firm(String value) {
        UUID firm = PortalPaths.id(value);
        if (firm == null) {
            throw ConsoleProblem.notFound();
        }
        return firm;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim().substring(0, Math.min(value.trim().length(), 320));
    }
}
