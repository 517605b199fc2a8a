package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.Anonymous;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.CookieValues;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sign-in (password, then a TOTP or recovery code) and sign-out, through identity-service's API via the gateway. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private static final int MAX_FIELD = 1024;
    static final int LOW_RECOVERY_CODES = 3;

    private final ConsoleSessions sessions;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public SignInResource(ConsoleSessions sessions, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.sessions = sessions;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Response home() {
        return PageAnswers.seeOther("/console/sessions").build();
    }

    @GET
    @Path("sign-in")
    public Uni<Response> signInPage(@Context HttpServerRequest request) {
        return sessions.anonymous(cookie.read(request)).chain(current -> {
            if (current != null && current.signedIn()) {
                return Uni.createFrom().item(PageAnswers.seeOther("/console/sessions").build());
            }
            return sessions.startAnonymous().map(created -> Response.ok(pages.signIn(created.csrfToken(), null, null),
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Set-Cookie", cookie.set(request, created.value())).build());
        });
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@FormParam("csrf") String csrf, @FormParam("email") String email,
            @FormParam("password") String password, @Context HttpServerRequest request) {
        String value = cookie.read(request);
        BrowserContext browser = SessionCookie.browser(request);
        return anonymous(value, csrf).chain(current -> {
            if (blank(email) || blank(password) || email.length() > MAX_FIELD || password.length() > MAX_FIELD) {
                return Uni.createFrom().item(PageAnswers.html(400, pages.signIn(current.csrfToken(), trim(email),
                        "Enter your email address and your password.")));
            }
            return gateway.login(email.trim(), password, browser).chain(answer -> {
                if (answer.status() == 200) {
                    return afterFirstStep(value, request, answer.body());
                }
                return Uni.createFrom().item(PageAnswers.html(answer.status() == 429 ? 429 : 401,
                        pages.signIn(current.csrfToken(), trim(email), answer.status() == 429
                                ? "Too many attempts. Wait a few minutes, then try again."
                                : "The email address or password is not correct.")));
            });
        });
    }

    @GET
    @Path("sign-in/two-factor")
    public Uni<Response> twoFactorPage(@Context HttpServerRequest request) {
        return sessions.anonymous(cookie.read(request)).map(current -> {
            if (current == null || current.challengeToken() == null) {
                return PageAnswers.seeOther("/console/sign-in").build();
            }
            return PageAnswers.html(200, pages.twoFactor(current.csrfToken(), null));
        });
    }

    @POST
    @Path("sign-in/two-factor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> twoFactor(@FormParam("csrf") String csrf, @FormParam("code") String code,
            @FormParam("recoveryCode") String recoveryCode, @Context HttpServerRequest request) {
        String value = cookie.read(request);
        BrowserContext browser = SessionCookie.browser(request);
        return anonymous(value, csrf).chain(current -> {
            if (current.challengeToken() == null) {
                return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
            }
            boolean useRecovery = blank(code) && !blank(recoveryCode);
            if ((blank(code) && blank(recoveryCode)) || (code != null && code.length() > 64)
                    || (recoveryCode != null && recoveryCode.length() > 64)) {
                return Uni.createFrom().item(PageAnswers.html(400, pages.twoFactor(current.csrfToken(),
                        "Enter the code from your authenticator app, or a recovery code.")));
            }
            return gateway.loginTwoFactor(current.challengeToken(), useRecovery ? null : code.trim(),
                    useRecovery ? recoveryCode.trim() : null, browser).chain(answer -> {
                        if (answer.status() == 200) {
                            return afterFirstStep(value, request, answer.body());
                        }
                        if (challengeGone(answer)) {
                            return Uni.createFrom().item(PageAnswers.html(401, pages.signIn(current.csrfToken(), null,
                                    "The sign-in took too long or too many codes were wrong. Sign in again.")));
                        }
                        return Uni.createFrom().item(PageAnswers.html(answer.status() == 429 ? 429 : 401,
                                pages.twoFactor(current.csrfToken(), "That code is not correct. Try the next one.")));
                    });
        });
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        String value = cookie.read(request);
        BrowserContext browser = SessionCookie.browser(request);
        return anonymous(value, csrf).chain(ignored -> sessions.end(value)).chain(last -> {
            Uni<ApiAnswer> revoked = last == null ? Uni.createFrom().nullItem() : gateway.logout(last.accessToken(), browser);
            return revoked.map(answer -> {
                if (answer != null && !answer.ok()) {
                    Log.infof("identity answered %d to the sign-out of session %s", answer.status(), last.identitySessionId());
                }
                return PageAnswers.seeOther("/console/sign-in").header("Set-Cookie", cookie.clear(request)).build();
            });
        });
    }

    private Uni<Response> afterFirstStep(String previous, HttpServerRequest request, JsonObject body) {
        String status = body.getString("status");
        if ("authenticated".equals(status)) {
            // identity says after a recovery code when three or fewer are left: the two-factor page then asks for new ones
            Integer remaining = body.getInteger("recoveryCodesRemaining");
            String next = remaining != null && remaining <= LOW_RECOVERY_CODES ? "/console/two-factor" : "/console/sessions";
            return gateway.me(body.getString("accessToken"), SessionCookie.browser(request))
                    .chain(me -> sessions.signIn(previous, body, administrator(me)))
                    .map(created -> PageAnswers.seeOther(next).header("Set-Cookie", cookie.set(request, created.value())).build());
        }
        if ("two_factor_required".equals(status)) {
            return sessions.awaitSecondFactor(previous, body.getString("challengeToken")).map(kept -> {
                if (!kept) {
                    throw ConsoleProblem.sessionInvalid();
                }
                return PageAnswers.seeOther("/console/sign-in/two-factor").build();
            });
        }
        throw new ConsoleProblem(409, "Two-factor enrolment needed",
                "Your firm requires two-factor authentication: enrol an authenticator app in the LexGuard app first.", true);
    }

    /** The session behind the cookie, with the CSRF token of the form matching its own; else the error page. */
    private Uni<Anonymous> anonymous(String value, String csrf) {
        return sessions.anonymous(value).map(current -> {
            if (current == null) {
                throw ConsoleProblem.sessionInvalid();
            }
            if (!CookieValues.same(current.csrfToken(), csrf)) {
                throw ConsoleProblem.csrf();
            }
            return current;
        });
    }

    /**
     * Whether identity names the person an administrator (the owner is one): only which navigation links to show depends
     * on it; each administrator's page is still refused by the API for anyone else.
     */
    private static boolean administrator(ApiAnswer me) {
        if (!me.ok()) {
            return false;
        }
        JsonArray permissions = me.body().getJsonArray("permissions", new JsonArray());
        return me.body().getBoolean("owner", false) || permissions.contains("administrator");
    }

    private static boolean challengeGone(ApiAnswer answer) {
        String type = answer.body().getString("type", "");
        return type.endsWith("/invalid-challenge");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim().substring(0, Math.min(value.trim().length(), 320));
    }
}
