package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import dev.lexguard.console.web.TwoFactorView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The signed-in person's authenticator app, through identity's two-factor API: start an enrolment (the QR code and the
 * secret), confirm it with a code, see the recovery codes once; the "few recovery codes left" prompt and new codes
 * (identity asks for the password and a current code).
 */
@Path("/two-factor")
@Produces(MediaType.TEXT_HTML)
public class TwoFactorPages {

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final int MAX_FIELD = 1024;
    private static final String PAGE = "/console/two-factor";
    private static final String CODES_PAGE = "/console/two-factor/recovery-codes";

    private final SignedInRequests signedIn;
    private final ConsoleSessions sessions;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public TwoFactorPages(SignedInRequests signedIn, ConsoleSessions sessions, GatewayClient gateway, SessionCookie cookie,
            Pages pages) {
        this.signedIn = signedIn;
        this.sessions = sessions;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Uni<Response> page(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> render(me, browser, 200, null));
    }

    @POST
    @Path("enrolment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> start(@FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedInForm(request, browser, csrf).chain(me -> gateway.startEnrolment(me.accessToken(), browser))
                .chain(answer -> {
                    if (answer.status() == 400) {
                        // two-factor is on already (identity then wants the password and a code): the page says so
                        return Uni.createFrom().item(PageAnswers.seeOther(PAGE).build());
                    }
                    if (!answer.ok()) {
                        throw PageAnswers.refused(answer);
                    }
                    return sessions.rememberEnrolment(cookie.read(request), answer.body().getString("otpauthUri"))
                            .map(kept -> afterKeeping(kept, PAGE));
                });
    }

    @POST
    @Path("enrolment/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> confirm(@FormParam("csrf") String csrf, @FormParam("code") String code,
            @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedInForm(request, browser, csrf).chain(me -> {
            String trimmed = code == null ? "" : code.strip();
            if (!CODE.matcher(trimmed).matches()) {
                return render(me, browser, 400, "Enter the six-digit code your authenticator app shows now.");
            }
            return gateway.confirmEnrolment(me.accessToken(), trimmed, browser).chain(answer -> {
                if (answer.status() == 400) {
                    return render(me, browser, 400, "That code is not correct. Check the time on your phone and try the next code.");
                }
                if (answer.status() == 409) {
                    return Uni.createFrom().item(PageAnswers.seeOther(PAGE).build());
                }
                return keepCodes(request, answer);
            });
        });
    }

    @POST
    @Path("recovery-codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> regenerate(@FormParam("csrf") String csrf, @FormParam("password") String password,
            @FormParam("code") String code, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedInForm(request, browser, csrf).chain(me -> {
            String trimmed = code == null ? "" : code.strip();
            if (password == null || password.isEmpty() || password.length() > MAX_FIELD || trimmed.isEmpty()
                    || trimmed.length() > 64) {
                return render(me, browser, 400, "Enter your password and the code your authenticator app shows now, or a recovery code.");
            }
            return gateway.regenerateRecoveryCodes(me.accessToken(), password, trimmed, browser).chain(answer -> {
                if (answer.status() == 403 || answer.status() == 400) {
                    return render(me, browser, 403, "The password or the code is not correct.");
                }
                if (answer.status() == 409) {
                    return Uni.createFrom().item(PageAnswers.seeOther(PAGE).build());
                }
                return keepCodes(request, answer);
            });
        });
    }

    /** The recovery codes identity just issued, shown on this one GET and then gone (a reload shows that they were). */
    @GET
    @Path("recovery-codes")
    public Uni<Response> codes(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> sessions.takeRecoveryCodes(cookie.read(request))
                .map(codes -> PageAnswers.html(200, pages.recoveryCodes(me, codes))));
    }

    private Uni<Response> keepCodes(HttpServerRequest request, ApiAnswer answer) {
        if (!answer.ok()) {
            throw PageAnswers.refused(answer);
        }
        JsonArray codes = answer.body().getJsonArray("recoveryCodes", new JsonArray());
        List<String> list = codes.stream().map(String::valueOf).toList();
        return sessions.keepRecoveryCodes(cookie.read(request), list).map(kept -> afterKeeping(kept, CODES_PAGE));
    }

    private Uni<Response> render(SignedIn me, BrowserContext browser, int status, String error) {
        return gateway.twoFactorStatus(me.accessToken(), browser).map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            TwoFactorView state = TwoFactorView.of(answer.body(), me.enrolmentUri(), SignInResource.LOW_RECOVERY_CODES);
            return PageAnswers.html(status, pages.twoFactorSettings(me, state, error));
        });
    }

    private static Response afterKeeping(boolean kept, String then) {
        if (!kept) {
            throw ConsoleProblem.sessionInvalid();
        }
        return PageAnswers.seeOther(then).build();
    }
}
