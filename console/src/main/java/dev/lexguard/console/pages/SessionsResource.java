package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.CookieValues;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import dev.lexguard.console.web.SessionView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.function.BiFunction;

/** My sessions (end one, end all but this one, "this wasn't me") and, for administrators, the firm's sessions. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SessionsResource {

    private final ConsoleSessions sessions;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;
    private final SignedInRequests administrators;

    public SessionsResource(ConsoleSessions sessions, GatewayClient gateway, SessionCookie cookie, Pages pages,
            SignedInRequests administrators) {
        this.administrators = administrators;
        this.sessions = sessions;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    @Path("sessions")
    public Uni<Response> mine(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn(request, browser).chain(me -> gateway.mySessions(me.accessToken(), browser).map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            String notice = noticeOf(request.getParam("done"));
            return PageAnswers.html(200, pages.mySessions(me, SessionView.page(answer.body(), Instant.now()), notice));
        }));
    }

    @POST
    @Path("sessions/{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> end(@PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        return act(request, csrf, id, (me, session) -> gateway.endSession(me.accessToken(), session, SessionCookie.browser(request)),
                "/console/sessions?done=ended");
    }

    @POST
    @Path("sessions/{id}/not-me")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> notMe(@PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        return act(request, csrf, id, (me, session) -> gateway.notMe(me.accessToken(), session, SessionCookie.browser(request)),
                "/console/sessions?done=not-me");
    }

    @POST
    @Path("sessions/end-others")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> endOthers(@FormParam("csrf") String csrf, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn(request, browser).chain(me -> {
            requireCsrf(me, csrf);
            return gateway.endOtherSessions(me.accessToken(), browser);
        }).map(answer -> done(answer, "/console/sessions?done=others"));
    }

    @GET
    @Path("firm/sessions")
    public Uni<Response> firm(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return administrators.administrator(request, browser).chain(me -> gateway.firmSessions(me.accessToken(), browser).map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return PageAnswers.html(200, pages.firmSessions(me, SessionView.page(answer.body(), Instant.now())));
        }));
    }

    @POST
    @Path("firm/sessions/{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> endInFirm(@PathParam("id") String id, @FormParam("csrf") String csrf,
            @Context HttpServerRequest request) {
        return act(request, csrf, id, (me, session) -> gateway.endSession(me.accessToken(), session, SessionCookie.browser(request)),
                "/console/firm/sessions");
    }

    private Uni<Response> act(HttpServerRequest request, String csrf, String id,
            BiFunction<SignedIn, UUID, Uni<ApiAnswer>> call, String then) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn(request, browser).chain(me -> {
            requireCsrf(me, csrf);
            UUID session = PageAnswers.id(id);
            if (session == null) {
                throw ConsoleProblem.notFound();
            }
            return call.apply(me, session);
        }).map(answer -> done(answer, then));
    }

    private Uni<SignedIn> signedIn(HttpServerRequest request, BrowserContext browser) {
        return sessions.signedIn(cookie.read(request), browser).map(me -> {
            if (me == null) {
                throw ConsoleProblem.sessionInvalid();
            }
            return me;
        });
    }

    private static void requireCsrf(SignedIn me, String csrf) {
        if (!CookieValues.same(me.csrfToken(), csrf)) {
            throw ConsoleProblem.csrf();
        }
    }

    private static Response done(ApiAnswer answer, String then) {
        if (!answer.ok()) {
            throw PageAnswers.refused(answer);
        }
        return PageAnswers.seeOther(then).build();
    }

    private static String noticeOf(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "ended" -> "The session has ended.";
            case "others" -> "Every other session has ended.";
            case "not-me" -> "Thank you. That session and every other one of yours have ended; choose a new password "
                    + "when you next sign in.";
            default -> null;
        };
    }
}
