package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayClient;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.MatterAccessView;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.PeopleView;
import dev.lexguard.console.web.SessionCookie;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * People and permissions, with the API's own rules: the groups and their members are anyone's of the firm to read, the
 * users' account permissions and roles, the matters' access lists and who can see a matter are administrators' only.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PeoplePages {

    /** Reads of one kind asked at once (a user's permissions, a group's members): enough to be quick, few for the gateway. */
    private static final int CONCURRENT_READS = 8;

    private final SignedInRequests signedIn;
    private final GatewayClient gateway;
    private final SessionCookie cookie;
    private final Pages pages;

    public PeoplePages(SignedInRequests signedIn, GatewayClient gateway, SessionCookie cookie, Pages pages) {
        this.signedIn = signedIn;
        this.gateway = gateway;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    @Path("people")
    public Uni<Response> people(@Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.signedIn(request, browser).chain(me -> {
            String token = me.accessToken();
            Uni<JsonObject> groups = read(gateway.groups(token, browser));
            if (!me.administrator()) {
                return groups.chain(page -> each(page, id -> gateway.groupMembers(token, id, browser))
                        .map(members -> page(me, PeopleView.of(new JsonObject(), Map.of(), page, members, new JsonObject()))));
            }
            return Uni.combine().all().unis(read(gateway.users(token, browser)), groups, read(gateway.matters(token, browser)))
                    .asTuple().chain(pages -> each(pages.getItem1(), id -> gateway.accountPermissions(token, id, browser).map(PeoplePages::notYetKnown))
                            .chain(permissions -> each(pages.getItem2(), id -> gateway.groupMembers(token, id, browser))
                                    .map(members -> page(me, PeopleView.of(pages.getItem1(), permissions, pages.getItem2(), members,
                                            pages.getItem3())))));
        });
    }

    @GET
    @Path("matters/{id}/access")
    public Uni<Response> access(@PathParam("id") String id, @QueryParam("on") String on, @Context HttpServerRequest request) {
        if (!cookie.present(request)) {
            return Uni.createFrom().item(PageAnswers.seeOther("/console/sign-in").build());
        }
        BrowserContext browser = SessionCookie.browser(request);
        return signedIn.administrator(request, browser).chain(me -> {
            UUID matter = PageAnswers.id(id);
            if (matter == null) {
                throw ConsoleProblem.notFound();
            }
            String day = on == null || on.isBlank() ? null : on.strip();
            Instant at = endOf(day);
            String token = me.accessToken();
            return Uni.combine().all().unis(read(gateway.matter(token, matter, browser)),
                    read(gateway.accessList(token, matter, at, browser)), read(gateway.viewers(token, matter, at, browser)))
                    .asTuple().map(answers -> PageAnswers.html(200, pages.matterAccess(me,
                            MatterAccessView.of(answers.getItem1(), answers.getItem2(), answers.getItem3(), day),
                            LocalDate.now(ZoneOffset.UTC).toString())));
        });
    }

    /**
     * "Who could see it on this day": the state at the day's last second (UTC), or now for today. A day that is not a
     * date, or has not come yet, is the error page.
     */
    static Instant endOf(String day) {
        if (day == null) {
            return null;
        }
        LocalDate date;
        try {
            date = day.length() == 10 ? LocalDate.parse(day) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            throw ConsoleProblem.badRequest("The day is not a date (year-month-day).");
        }
        Instant now = Instant.now();
        if (date.isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw ConsoleProblem.badRequest("That day has not come yet: choose today or a day before it.");
        }
        Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        return end.isAfter(now) ? null : end;
    }

    private Response page(SignedIn me, PeopleView view) {
        return PageAnswers.html(200, pages.people(me, view));
    }

    /**
     * permissions-service learns of a user from identity's events, a moment after identity: a user it does not know yet
     * is shown as such rather than failing the page.
     */
    private static ApiAnswer notYetKnown(ApiAnswer answer) {
        return answer.status() == 404 ? new ApiAnswer(200, new JsonObject().put(PeopleView.NOT_YET_KNOWN, true)) : answer;
    }

    private static Uni<JsonObject> read(Uni<ApiAnswer> call) {
        return call.map(answer -> {
            if (!answer.ok()) {
                throw PageAnswers.refused(answer);
            }
            return answer.body();
        });
    }

    /** One read per item of a page (by its id), a few at a time; the answers by id. */
    private static Uni<Map<String, JsonObject>> each(JsonObject page, Function<UUID, Uni<ApiAnswer>> call) {
        List<String> ids = new ArrayList<>();
        JsonArray items = page.getJsonArray("items");
        for (int i = 0; items != null && i < items.size(); i++) {
            ids.add(items.getJsonObject(i).getString("id"));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<JsonObject>> reads = new ArrayList<>();
        for (String id : ids) {
            reads.add(read(call.apply(UUID.fromString(id))));
        }
        return Uni.join().all(reads).usingConcurrencyOf(CONCURRENT_READS).andFailFast().map(answers -> {
            Map<String, JsonObject> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                byId.put(ids.get(i), answers.get(i));
            }
            return byId;
        });
    }
}
