package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import dev.lexguard.console.web.SharingView;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Sharing, with the API's rules: everything shared across the firm (filtered by contact, status, expiring soon) is an
 * administrator's; one matter's shares are anyone's who can see the matter (sharing-service decides: 404 otherwise);
 * the one-click extend is sharing-service's own, for whoever may see the share's matter.
 */
@Path("/sharing")
@Produces(MediaType.TEXT_HTML)
public class SharingPages {

    private static final Set<String> STATUSES = Set.of("active", "expired", "revoked");
    private static final Set<Integer> EXPIRING = Set.of(7, 14, 30);

    private final SignedInRequests signedIn;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public SharingPages(SignedInRequests signedIn, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.signedIn = signedIn;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Uni<Response> sharing(@QueryParam("contact") String contact, @QueryParam("matter") String matter,
            @QueryParam("status") String status, @QueryParam("expiring") String expiring, @QueryParam("done") String done,
            @Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> {
            UUID contactId = filterId(contact);
            UUID matterId = filterId(matter);
            String state = blank(status) ? null : status;
            if (state != null && !STATUSES.contains(state)) {
                throw ConsoleProblem.badRequest("Choose a status from the list.");
            }
            Integer days = days(expiring);
            StringBuilder filters = new StringBuilder();
            if (contactId != null) {
                filters.append("&contactId=").append(contactId);
            }
            if (state != null) {
                filters.append("&status=").append(state);
            }
            if (days != null) {
                filters.append("&expiringWithinDays=").append(days);
            }
            String token = me.accessToken();
            String notice = notice(done);
            if (!me.administrator()) {
                // the firm-wide list is administrators' in the API; one matter's shares are anyone's who can see it
                if (matterId == null) {
                    throw ConsoleProblem.forbidden();
                }
                return read(gateway.matterShares(token, matterId, filters.toString(), browser)).map(shares -> PageAnswers.html(200,
                        pages.sharing(me, SharingView.of(shares, new JsonObject(), new JsonObject(), idOf(contactId),
                                idOf(matterId), state, days, Instant.now()), notice)));
            }
            Uni<JsonObject> shares = matterId == null ? read(gateway.shares(token, filters.toString(), browser))
                    : read(gateway.matterShares(token, matterId, filters.toString(), browser));
            return Uni.combine().all().unis(shares, read(gateway.contacts(token, browser)), read(gateway.matters(token, browser)))
                    .asTuple().map(answers -> PageAnswers.html(200, pages.sharing(me, SharingView.of(answers.getItem1(),
                            answers.getItem2(), answers.getItem3(), idOf(contactId), idOf(matterId), state, days, Instant.now()),
                            notice)));
        });
    }

    @POST
    @Path("{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> extend(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("matter") String matter,
            @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedInForm(request, browser, csrf).chain(me -> {
            UUID share = PageAnswers.id(id);
            if (share == null) {
                throw ConsoleProblem.notFound();
            }
            return gateway.extendShare(me.accessToken(), share, browser);
        }).map(answer -> {
            // back to the list it came from: a matter's list for someone who may not see the firm's
            UUID back = PageAnswers.id(matter);
            String then = "/console/sharing?" + (back == null ? "" : "matter=" + back + "&") + "done=";
            if (answer.ok()) {
                return PageAnswers.seeOther(then + "extended").build();
            }
            if (answer.status() == 409) {
                boolean later = answer.body().getString("type", "").endsWith("/expiry-beyond-default");
                return PageAnswers.seeOther(then + (later ? "beyond-default" : "not-active")).build();
            }
            throw PageAnswers.refused(answer);
        });
    }

    /** A filter's id: absent is no filter; anything but a UUID names nothing (the 404 page, as in a URL's path). */
    private static UUID filterId(String value) {
        if (blank(value)) {
            return null;
        }
        UUID id = PageAnswers.id(value.strip());
        if (id == null) {
            throw ConsoleProblem.notFound();
        }
        return id;
    }

    private static Integer days(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            int days = Integer.parseInt(value);
            if (EXPIRING.contains(days)) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleProblem.badRequest("Choose how soon from the list.");
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "extended" -> "The share now expires its contact's default time from today.";
            case "beyond-default" -> "That share already expires later than its contact's default; it was left as it was.";
            case "not-active" -> "That share has been revoked or has expired; it cannot be extended.";
            default -> null;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String idOf(UUID id) {
        return id == null ? null : id.toString();
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
