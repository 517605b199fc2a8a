package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.ReviewPeriod;
import dev.lexguard.console.web.ReviewQueueView;
import dev.lexguard.console.web.ReviewReportView;
import dev.lexguard.console.web.SessionCookie;
import dev.lexguard.console.web.SharingFilters;
import dev.lexguard.console.web.SharingView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sharing, with the API's rules: everything shared across the firm and everything shared with one contact are an
 * administrator's; one matter's shares are anyone's who can see the matter (sharing-service decides: 404 otherwise);
 * the one-click extend is sharing-service's own, for whoever may see the share's matter; the review queue, its bulk
 * decisions and the evidence report are an administrator's. The CSV exports are {@link SharingExports}.
 */
@Path("/sharing")
@Produces(MediaType.TEXT_HTML)
public class SharingPages {

    /** sharing-service's largest bulk decision. */
    private static final int MOST_DECISIONS = 500;
    private static final int LONGEST_NOTE = 2000;

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
            SharingFilters filters = visible(me, SharingFilters.parse(contact, matter, status, expiring));
            String token = me.accessToken();
            return Uni.combine().all().unis(read(gateway.shares(token, filters.apiPath(), filters.apiQuery(), browser)), read(gateway.contacts(token, browser)),
                    read(gateway.matters(token, browser))).asTuple()
                    .map(answers -> PageAnswers.html(200, pages.sharing(me, SharingView.of(answers.getItem1(), answers.getItem2(),
                            answers.getItem3(), filters, Instant.now()), notice(done))));
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

    /** The shares due for review now (or within 7 or 30 days), and how the last bulk decision went. */
    @GET
    @Path("reviews")
    public Uni<Response> reviews(@QueryParam("within") String within, @QueryParam("kept") String kept,
            @QueryParam("revoked") String revoked, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.administrator(request, browser).chain(me -> {
            int days = window(within);
            return queue(me, days, browser).map(due -> PageAnswers.html(200, pages.reviewQueue(me,
                    ReviewQueueView.of(due.getItem1(), due.getItem2(), days, Instant.now()), outcome(kept, revoked))));
        });
    }

    /**
     * One bulk decision, keep or revoke, on the shares chosen: one POST to sharing-service's decisions, all or nothing.
     * Its 422 (a share no longer active, or not the firm's) shows the queue again with the shares it named.
     */
    @POST
    @Path("reviews/decisions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@FormParam("csrf") String csrf, @FormParam("share") List<String> shares,
            @FormParam("decision") String decision, @FormParam("note") String note, @FormParam("within") String within,
            @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedInForm(request, browser, csrf).chain(me -> {
            if (!me.administrator()) {
                throw ConsoleProblem.forbidden();
            }
            if (!"keep".equals(decision) && !"revoke".equals(decision)) {
                throw ConsoleProblem.badRequest("Choose keep or revoke.");
            }
            Set<String> chosen = chosen(shares);
            String reason = note == null || note.isBlank() ? null : note.strip();
            if (reason != null && reason.length() > LONGEST_NOTE) {
                throw ConsoleProblem.badRequest("A note holds at most " + LONGEST_NOTE + " characters.");
            }
            int days = window(within);
            JsonArray decisions = new JsonArray();
            for (String share : chosen) {
                JsonObject one = new JsonObject().put("shareId", share).put("decision", decision);
                decisions.add(reason == null ? one : one.put("note", reason));
            }
            return gateway.decideReviews(me.accessToken(), new JsonObject().put("decisions", decisions), browser).chain(answer -> {
                if (answer.ok()) {
                    int decided = answer.body().getJsonArray("items", new JsonArray()).size();
                    String then = "/console/sharing/reviews?" + (days == 0 ? "" : "within=" + days + "&")
                            + ("keep".equals(decision) ? "kept=" : "revoked=") + decided;
                    return Uni.createFrom().item(PageAnswers.seeOther(then).build());
                }
                if (answer.status() != 422) {
                    throw PageAnswers.refused(answer);
                }
                return queue(me, days, browser).map(due -> PageAnswers.html(422, pages.reviewQueue(me,
                        ReviewQueueView.of(due.getItem1(), due.getItem2(), days, Instant.now(), chosen, answer.body()), null)));
            });
        });
    }

    /** The evidence of the firm's reviews: every decision in a period of days (the last 365 without one). */
    @GET
    @Path("reviews/report")
    public Uni<Response> report(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpServerRequest request) {
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.administrator(request, browser).chain(me -> {
            ReviewPeriod period = ReviewPeriod.parse(from, to);
            String token = me.accessToken();
            return Uni.combine().all().unis(read(gateway.reviewReport(token, period.apiQuery(), browser)), read(gateway.users(token, browser)),
                    read(gateway.matters(token, browser))).asTuple()
                    .map(answers -> PageAnswers.html(200, pages.reviewReport(me,
                            ReviewReportView.of(answers.getItem1(), answers.getItem2(), answers.getItem3(), period))));
        });
    }

    /** The filters' list is the firm's or a contact's: an administrator's, refused here before any call. */
    static SharingFilters visible(SignedIn me, SharingFilters filters) {
        if (filters.administrators() && !me.administrator()) {
            throw ConsoleProblem.forbidden();
        }
        return filters;
    }

    private Uni<Tuple2<JsonObject, JsonObject>> queue(SignedIn me, int days, BrowserContext browser) {
        return Uni.combine().all().unis(read(gateway.reviewsDue(me.accessToken(), days, GatewayClient.PAGE, browser)),
                read(gateway.matters(me.accessToken(), browser))).asTuple();
    }

    /** The shares chosen, each once: none, more than sharing-service takes at once, or one that is no id is refused. */
    private static Set<String> chosen(List<String> shares) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String share : shares == null ? List.<String>of() : shares) {
            UUID id = PageAnswers.id(share);
            if (id == null) {
                throw ConsoleProblem.notFound();
            }
            chosen.add(id.toString());
        }
        if (chosen.isEmpty()) {
            throw ConsoleProblem.badRequest("Choose at least one share.");
        }
        if (chosen.size() > MOST_DECISIONS) {
            throw ConsoleProblem.badRequest("Choose at most " + MOST_DECISIONS + " shares at once.");
        }
        return chosen;
    }

    private static int window(String within) {
        if (within == null || within.isBlank()) {
            return 0;
        }
        return ReviewQueueView.WINDOWS.stream().filter(days -> days.toString().equals(within.strip())).findFirst()
                .orElseThrow(() -> ConsoleProblem.badRequest("Choose how far ahead from the list."));
    }

    private static String outcome(String kept, String revoked) {
        int keeps = count(kept);
        int revokes = count(revoked);
        if (keeps > 0) {
            return keeps == 1 ? "1 share kept: its next review is set from the firm's interval."
                    : keeps + " shares kept: their next review is set from the firm's interval.";
        }
        if (revokes > 0) {
            return revokes == 1 ? "1 share revoked: its contact can no longer open it."
                    : revokes + " shares revoked: their contacts can no longer open them.";
        }
        return null;
    }

    private static int count(String value) {
        if (value == null || !value.matches("[0-9]{1,3}")) {
            return 0;
        }
        return Math.min(Integer.parseInt(value), MOST_DECISIONS);
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

    private static Uni<JsonObject> read(Uni<ApiAnswer> call) {
        return call.map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return answer.body();
        });
    }
}
