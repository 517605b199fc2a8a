package dev.lexguard.sessions.session;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.ListFilter;
import dev.lexguard.sessions.ListQuery;
import dev.lexguard.sessions.Positions;
import dev.lexguard.sessions.SessionsConfig;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sessions")
@Tag(name = "Sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String PROBLEM = "application/problem+json";
    static final String CSV = "text/csv";
    static final String SESSION_FIELDS = """
            {"id":"9329eed0-2551-4211-ae2f-093dca32a35c","userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","actorType":"user",\
            "clientIp":"175.16.199.0","device":{"userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
            (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36","browser":"Chrome 120","os":"Windows 10","deviceType":"desktop",\
            "mobileDeviceId":null},"location":{"countryCode":"CN","country":"China","city":"Changchun","latitude":43.88,\
            "longitude":125.3228,"asn":null,"network":null},"amr":["pwd","swk","mfa"],"startedAt":"2026-11-29T19:20:00.123456Z",\
            "lastSeenAt":"2026-11-29T19:41:00Z","active":true,"endedAt":null,"endReason":null,"endedBy":null,"unusual":true,\
            "unusualReasons":["impossible_travel"],"disownedAt":null,"current":false,\
            "approvedBy":{"deviceId":"0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c","deviceName":"Ada's iPhone"}""";
    static final String SESSION = SESSION_FIELDS + "}";
    static final String SESSION_DETAIL = SESSION_FIELDS + """
            ,"addresses":[{"ip":"175.16.199.0","countryCode":"CN","city":"Changchun","asn":null,\
            "firstSeenAt":"2026-11-29T19:20:00.123456Z","lastSeenAt":"2026-11-29T19:41:00Z"}]}""";
    static final String ENDED = """
            {"ended":3,"revokedBefore":"2026-11-29T19:45:00.000001Z"}""";
    static final String INVALID_FILTER = """
            {"type":"https://lexguard.dev/problems/invalid-filter","title":"Bad request","status":400,\
            "detail":"The list filters are not valid","instance":"/api/v1/sessions","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",\
            "errors":[{"field":"ip","message":"must be an IPv4 or IPv6 address or CIDR network (e.g. 203.0.113.0/24)"}]}""";
    static final String NOT_FOUND = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"Not found or not yours",\
            "instance":"/api/v1/sessions/9329eed0-2551-4211-ae2f-093dca32a35c","requestId":"7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"}""";
    static final String STEP_UP_REQUIRED = """
            {"type":"https://lexguard.dev/problems/step-up-required","title":"Forbidden","status":403,\
            "detail":"This needs a second factor proven within the last 10 minutes: send a TOTP code or a recovery code to \
            POST /api/v1/auth/step-up and retry with the access token it returns","instance":"/api/v1/sessions/end-all",\
            "requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";
    private static final Set<String> STATUSES = Set.of("active", "ended");
    private static final String SEEN = "seen";

    private final Caller caller;
    private final SessionService sessions;
    private final RevocationService revocations;
    private final CursorCodec cursors;
    private final SessionsConfig config;

    public SessionResource(Caller caller, SessionService sessions, RevocationService revocations, CursorCodec cursors,
            SessionsConfig config) {
        this.caller = caller;
        this.sessions = sessions;
        this.revocations = revocations;
        this.cursors = cursors;
        this.config = config;
    }

    @GET
    @Operation(summary = "List the firm's sessions (administrators)",
            description = "Active and ended sessions of firm users and portal contacts, by last activity (newest first), "
                    + "cursor paged (?limit=&cursor=). Filters: userId, actorType, ip (address or CIDR, IPv4 or IPv6, "
                    + "matching any address the session was used from), country, unusual, from/to (active in that "
                    + "range), status (active or ended). A malformed filter is a 400 invalid-filter naming it.")
    @APIResponse(responseCode = "200", description = "A page of sessions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + SESSION + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "A malformed filter, limit or cursor", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "invalid CIDR", value = INVALID_FILTER)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Page<SessionResponse>> list(@BeanParam ListQuery query,
            @Parameter(description = "active or ended", example = "active") @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        Requester requester = administrator();
        ListFilter filter = query.toFilter("status", status, STATUSES);
        return page(requester, filter, page);
    }

    @GET
    @Path("/export")
    @Produces(CSV)
    @Operation(summary = "Export the firm's sessions as CSV (administrators)",
            description = "The same filters and order as the list, as text/csv with a header row, at most "
                    + "lexguard.sessions.export.max-rows rows (default 10,000); X-Export-Truncated: true says there were more. "
                    + "Cells starting with =, +, - or @ are prefixed with an apostrophe so spreadsheets do not run them.")
    @APIResponse(responseCode = "200", description = "The sessions", content = @Content(mediaType = CSV,
            examples = @ExampleObject(name = "csv", value = "id,userId,actorType,clientIp,countryCode,country,city,asn,network,"
                    + "browser,os,deviceType,mobileDeviceId,userAgent,startedAt,lastSeenAt,endedAt,endReason,unusual,unusualReasons\r\n"
                    + "9329eed0-2551-4211-ae2f-093dca32a35c,cdba682f-99c5-4e72-b35b-9cec60f45e73,user,81.2.69.142,GB,"
                    + "United Kingdom,London,,,Firefox 120,Ubuntu,desktop,,Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) "
                    + "Gecko/20100101 Firefox/120.0,2026-11-29T19:20:00.123456Z,2026-11-29T19:41:00Z,,,false,\r\n")))
    @APIResponse(responseCode = "400", description = "A malformed filter", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "invalid CIDR", value = INVALID_FILTER)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Response> export(@BeanParam ListQuery query,
            @Parameter(description = "active or ended", example = "ended") @QueryParam("status") String status) {
        Requester requester = administrator();
        ListFilter filter = query.toFilter("status", status, STATUSES);
        int max = config.export().maxRows();
        return sessions.page(requester, filter, null, max + 1).map(rows -> {
            boolean truncated = rows.size() > max;
            return Response.ok(SessionCsv.rows(truncated ? rows.subList(0, max) : rows), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"sessions.csv\"")
                    .header("X-Export-Truncated", Boolean.toString(truncated))
                    .build();
        });
    }

    @GET
    @Path("/mine")
    @Operation(summary = "List my sessions",
            description = "The caller's own sessions (a firm user's or a portal contact's), by last activity, with the one "
                    + "making this request marked current. Optional status (active or ended); cursor paged.")
    @APIResponse(responseCode = "200", description = "A page of sessions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + SESSION + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "A malformed status, limit or cursor")
    public Uni<Page<SessionResponse>> mine(
            @Parameter(description = "active or ended", example = "active") @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        Requester requester = Requester.of(caller);
        ListFilter filter = new ListQuery().toFilter("status", status, STATUSES).forActor(requester.actorId(), requester.kind());
        return page(requester, filter, page);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a session",
            description = "With every address it was used from. Administrators read any of the firm's sessions, others only "
                    + "their own; anything else is a 404.")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "session", value = SESSION_DETAIL)))
    @APIResponse(responseCode = "404", description = "Not found or not yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "not found", value = NOT_FOUND)))
    public Uni<SessionResponse> read(@PathParam("id") UUID id) {
        return sessions.read(Requester.of(caller), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a session",
            description = "The caller's own session (any of them, the current one too) or, for an administrator, any of the "
                    + "firm's. Publishes dev.lexguard.sessions.session.revoked (reason ended_by_user or "
                    + "ended_by_administrator); identity then refuses its refresh token and the gateway its access tokens. "
                    + "Ending an ended session is a 204 and publishes nothing.")
    @APIResponse(responseCode = "204", description = "The session is ended")
    @APIResponse(responseCode = "404", description = "Not found or not yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "not found", value = NOT_FOUND)))
    public Uni<Response> end(@PathParam("id") UUID id) {
        return revocations.endOne(Requester.of(caller), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/not-me")
    @Operation(summary = "Mark a session as not mine",
            description = "By the session's owner (from another session) or an administrator. Publishes "
                    + "dev.lexguard.sessions.session.disowned (identity requires a password reset and two-factor "
                    + "re-enrolment) and one dev.lexguard.sessions.watermark.raised ending all of that user's sessions "
                    + "(reason not_me). Marking it again is a 204 and publishes nothing.")
    @APIResponse(responseCode = "204", description = "Marked; the user's sessions are ended")
    @APIResponse(responseCode = "403", description = "The caller's token shows a second factor but not one proven within "
            + "the last 10 minutes (step-up-required), or an administrator marked the firm owner's session (owner-only)",
            content = @Content(mediaType = PROBLEM, examples = {
                    @ExampleObject(name = "step-up required", value = STEP_UP_REQUIRED),
                    @ExampleObject(name = "owner only", value = """
                            {"type":"https://lexguard.dev/problems/owner-only","title":"Forbidden","status":403,\
                            "detail":"Only the firm's owner may mark the owner's session as not theirs",\
                            "instance":"/api/v1/sessions/9329eed0-2551-4211-ae2f-093dca32a35c/not-me",\
                            "requestId":"7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"}""")}))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "422", description = "The session is the one making the request (current-session)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "current session", value = """
                    {"type":"https://lexguard.dev/problems/current-session","title":"Unprocessable","status":422,\
                    "detail":"The session making this request cannot be marked as not yours",\
                    "instance":"/api/v1/sessions/9329eed0-2551-4211-ae2f-093dca32a35c/not-me",\
                    "requestId":"7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"}""")))
    public Uni<Response> notMe(@PathParam("id") UUID id) {
        if (caller.provedSecondFactor()) {
            // whoever holds a stolen token of a user with two-factor must not be able to sign that user out everywhere
            caller.requireFreshSecondFactor();
        }
        return revocations.notMe(Requester.of(caller), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/mine/end-others")
    @Operation(summary = "End all my sessions but this one",
            description = "Firm users only (a portal contact gets 403 users-only). Publishes one "
                    + "dev.lexguard.sessions.watermark.raised (scope user, exceptSessionId = the current session, reason "
                    + "ended_by_user), however many sessions that ends.")
    @APIResponse(responseCode = "200", description = "How many sessions ended, and the watermark",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ended", value = ENDED)))
    public Uni<EndResult> endMineExceptCurrent() {
        caller.requireUser();
        return revocations.endMineExceptCurrent(Requester.of(caller));
    }

    @POST
    @Path("/users/{userId}/end")
    @Operation(summary = "End all of a user's sessions (administrators)",
            description = "Every session of the firm user (or, with actorType=contact, portal contact) this service knows. "
                    + "Publishes one dev.lexguard.sessions.watermark.raised (scope user). An id with no sessions in the "
                    + "firm is a 404.")
    @APIResponse(responseCode = "200", description = "How many sessions ended, and the watermark",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ended", value = ENDED)))
    @APIResponse(responseCode = "400", description = "actorType is neither user nor contact")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No sessions of this user in the firm")
    public Uni<EndResult> endAllOfUser(@PathParam("userId") UUID userId,
            @Parameter(description = "user (default) or contact", example = "user") @QueryParam("actorType") String actorType) {
        Requester requester = administrator();
        ActorKind kind = actorType == null || actorType.isBlank() ? ActorKind.USER : ActorKind.fromWire(actorType)
                .orElseThrow(() -> new BadRequestProblem("invalid-filter", "actorType must be user or contact",
                        List.of(new FieldError("actorType", "must be user or contact"))));
        return revocations.endAllOf(requester, userId, kind);
    }

    @POST
    @Path("/end-all")
    @Operation(summary = "End every session in the firm (administrators)",
            description = "Publishes one dev.lexguard.sessions.watermark.raised (scope firm) instead of one event per "
                    + "session. The caller's own current session is kept (exceptSessionId) unless includeCurrent=true. "
                    + "A risky act: the token must show a second factor proven within the last 10 minutes.")
    @APIResponse(responseCode = "200", description = "How many sessions ended, and the watermark",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "ended", value = ENDED)))
    @APIResponse(responseCode = "403", description = "Not an administrator (missing-permission), or no second factor "
            + "proven within the last 10 minutes (step-up-required, with an RFC 9470 WWW-Authenticate challenge)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "step-up required",
                    value = STEP_UP_REQUIRED)))
    public Uni<EndResult> endFirm(
            @Parameter(description = "also end the caller's current session", example = "false")
            @QueryParam("includeCurrent") boolean includeCurrent) {
        Requester requester = administrator();
        caller.requireFreshSecondFactor();
        return revocations.endFirm(requester, includeCurrent);
    }

    private Requester administrator() {
        caller.requireUser();
        caller.requirePermission(Requester.ADMINISTRATOR);
        return Requester.of(caller);
    }

    private Uni<Page<SessionResponse>> page(Requester requester, ListFilter filter, PageRequest page) {
        UUID firm = requester.firmId();
        SessionRepository.Position after = Positions.read(cursors.position(firm, page), SEEN, SessionRepository.Position::new);
        return sessions.page(requester, filter, after, page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), s -> Positions.of(SEEN, s.lastSeenAt(), s.id())));
    }
}
