package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.web.OverviewView;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The administrators' security overview: every user's two-factor state against the firm's policy (identity), unusual
 * sign-ins of the last seven days (sessions-service), shares expiring soon and reviews due (sharing-service).
 */
@Path("/overview")
@Produces(MediaType.TEXT_HTML)
public class OverviewPages {

    static final int SIGN_IN_DAYS = 7;
    static final int EXPIRING_DAYS = 14;
    static final int REVIEW_DAYS = 7;

    private final SignedInRequests signedIn;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public OverviewPages(SignedInRequests signedIn, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.signedIn = signedIn;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Uni<Response> overview(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        Instant since = Instant.now().minus(Duration.ofDays(SIGN_IN_DAYS)).truncatedTo(ChronoUnit.SECONDS);
        return signedIn.administrator(request, browser).chain(me -> {
            String token = me.accessToken();
            // five independent reads of three services: asked at once, each answer checked on its own
            return Uni.combine().all().unis(gateway.twoFactorPolicy(token, browser), gateway.twoFactorUsers(token, browser),
                    gateway.unusualSignIns(token, since, browser), gateway.sharesExpiring(token, EXPIRING_DAYS, browser),
                    gateway.reviewsDue(token, REVIEW_DAYS, 50, browser)).with(ApiAnswer.class, answers -> {
                        requireAll(answers);
                        OverviewView view = OverviewView.of(answers.get(0).body(), answers.get(1).body(), answers.get(2).body(),
                                answers.get(3).body(), answers.get(4).body(), SIGN_IN_DAYS, EXPIRING_DAYS, REVIEW_DAYS);
                        return PageAnswers.html(200, pages.overview(me, view));
                    });
        });
    }

    private static void requireAll(List<ApiAnswer> answers) {
        for (ApiAnswer answer : answers) {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
        }
    }
}
