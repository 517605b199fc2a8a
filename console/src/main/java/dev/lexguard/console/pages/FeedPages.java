package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.web.FeedChainView;
import dev.lexguard.console.web.FeedFilters;
import dev.lexguard.console.web.FeedView;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * The feed, with the API's rules: the firm feed and a matter's feed are anyone's (feed-service shows each reader what
 * they may see, and answers 404 for a matter they cannot open); the chain's verification is an administrator's (the
 * 403 page before any call). The live stream and the exports are {@link FeedStreams}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FeedPages {

    private final SignedInRequests signedIn;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public FeedPages(SignedInRequests signedIn, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.signedIn = signedIn;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    @Path("feed")
    public Uni<Response> firmFeed(@QueryParam("actor") String actor, @QueryParam("category") String category,
            @QueryParam("matter") String matter, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> {
            FeedFilters filters = FeedFilters.parse(actor, category, matter, from, to, cursor);
            String token = me.accessToken();
            return Uni.combine().all().unis(read(gateway.feed(token, filters.apiQuery(), browser)), read(gateway.matters(token, browser)))
                    .asTuple().map(answers -> PageAnswers.html(200,
                            pages.feed(me, FeedView.firm(answers.getItem1(), filters, answers.getItem2()))));
        });
    }

    @GET
    @Path("matters/{id}/feed")
    public Uni<Response> matterFeed(@PathParam("id") String id, @QueryParam("actor") String actor,
            @QueryParam("category") String category, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> {
            UUID matter = PageAnswers.id(id);
            if (matter == null) {
                throw ConsoleProblem.notFound();
            }
            FeedFilters filters = FeedFilters.parse(actor, category, null, from, to, cursor);
            String token = me.accessToken();
            // feed-service decides whether the reader may open the matter (404 otherwise); the matter's name is a nicety
            return read(gateway.matterFeed(token, matter, filters.apiQuery(), browser)).chain(feed -> gateway.matter(token, matter, browser)
                    .map(answer -> PageAnswers.html(200, pages.matterFeed(me,
                            FeedView.matter(feed, filters, matter.toString(), answer.ok() ? answer.body() : new JsonObject())))));
        });
    }

    @GET
    @Path("feed/verify")
    public Uni<Response> verify(@Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.administrator(request, browser).chain(me -> read(gateway.verifyFeedChain(me.accessToken(), browser))
                .map(verification -> PageAnswers.html(200, pages.feedChain(me, FeedChainView.of(verification)))));
    }

    private static Uni<JsonObject> read(Uni<ApiAnswer> call) {
        return call.map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return answer.body();
        });
    }
}
