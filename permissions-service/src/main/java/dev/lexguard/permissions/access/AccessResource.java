package dev.lexguard.permissions.access;

import dev.lexguard.permissions.groupfilters.GroupFilter;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/access")
@Tag(name = "Access checks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    static final String AT = "ISO-8601 time with an offset, e.g. 2026-11-01T09:00:00Z; absent: now";
    static final String DECISION = """
            {"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","allowed":true,"reason":"group","groups":[{"id":"5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23","name":"Family law"}],"at":null}""";

    private final Caller caller;
    private final AccessService access;
    private final CursorCodec cursors;

    public AccessResource(Caller caller, AccessService access, CursorCodec cursors) {
        this.caller = caller;
        this.access = access;
        this.cursors = cursors;
    }

    @GET
    @Path("/users/{userId}/matters/{matterId}")
    @Operation(summary = "May a user see a matter?", description = "Now, or at a past time. reason: administrator, everyone, "
            + "user-grant, group (groups names them), blocked (a block beats every allow), not-on-access-list, user-inactive, "
            + "matter-not-registered. About oneself anyone may ask; about others only administrators.")
    @APIResponse(responseCode = "200", description = "The answer and why", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "through a group", value = DECISION), @ExampleObject(name = "blocked", value = """
                    {"userId":"3f2e1d0c-9b8a-4765-8432-10fedcba9876","matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","allowed":false,"reason":"blocked","groups":[],"at":"2026-11-01T09:00:00Z"}""")}))
    @APIResponse(responseCode = "403", description = "Asking about someone else without administrator")
    @APIResponse(responseCode = "404", description = "No such user or matter in the caller's firm")
    public Uni<CheckResponse> check(@PathParam("userId") UUID userId, @PathParam("matterId") UUID matterId,
            @Parameter(description = AT) @QueryParam("at") String at) {
        caller.requireUser();
        Instant when = PointInTime.parse(at);
        UUID firm = caller.firmId();
        return access.check(firm, caller.actorId(), userId, matterId, when)
                .map(decision -> CheckResponse.of(userId, matterId, decision, when));
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check up to 1,000 (user, matter) pairs", description = "Answers in the order asked, each with its "
            + "reason; an id the firm does not have answers unknown-user or unknown-matter. Checks about others need administrator.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two checks", value = """
            {"checks":[{"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d"},{"userId":"3f2e1d0c-9b8a-4765-8432-10fedcba9876","matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d"}],"at":null}""")))
    @APIResponse(responseCode = "200", description = "The answers", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "answers", value = "{\"results\":[" + DECISION + """
                    ,{"userId":"3f2e1d0c-9b8a-4765-8432-10fedcba9876","matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","allowed":false,"reason":"blocked","groups":[],"at":null}]}""")))
    @APIResponse(responseCode = "400", description = "No checks, more than 1,000, or a malformed id or time")
    @APIResponse(responseCode = "403", description = "Checks about others without administrator")
    public Uni<CheckResponse.Batch> checkAll(@Valid @NotNull CheckRequest request) {
        caller.requireUser();
        Instant when = PointInTime.parse(request.at());
        UUID firm = caller.firmId();
        List<AccessService.Pair> pairs = request.checks().stream()
                .map(c -> new AccessService.Pair(c.userId(), c.matterId())).toList();
        return access.checkAll(firm, caller.actorId(), pairs, when)
                .map(decisions -> {
                    List<CheckResponse> results = new ArrayList<>(pairs.size());
                    for (int i = 0; i < pairs.size(); i++) {
                        results.add(CheckResponse.of(pairs.get(i).userId(), pairs.get(i).matterId(), decisions.get(i), when));
                    }
                    return new CheckResponse.Batch(results);
                });
    }

    @GET
    @Path("/users/{userId}/matters")
    @Operation(summary = "Which matters may a user see now?", description = "By display number; cursor paging. About oneself "
            + "anyone may ask; about others only administrators. A deactivated user sees none.")
    @APIResponse(responseCode = "200", description = "A page of matters", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","status":"open","access":"restricted"}],"nextCursor":"AZ3x..."}""")))
    @APIResponse(responseCode = "403", description = "Asking about someone else without administrator")
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    public Uni<Page<VisibleMatterResponse>> visibleMatters(@PathParam("userId") UUID userId, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return access.authorize(firm, caller.actorId(), Set.of(userId))
                .chain(() -> access.visibleMatters(firm, caller.actorId(), userId, GroupFilter.NONE, cursors.position(firm, page), page.limit() + 1))
                .map(rows -> cursors.page(firm, rows, page.limit(), m -> Map.of("number", m.displayNumber(), "id", m.id().toString())));
    }

    @GET
    @Path("/matters/{matterId}/users")
    @Operation(summary = "Who may see a matter, and why?", description = "Now, or at a past time (the access list, group "
            + "memberships and administrator permissions as they were then). By display name; cursor paging. Administrators only.")
    @APIResponse(responseCode = "200", description = "A page of users with their reasons", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","displayName":"Bea Biller","reason":"group","groups":[{"id":"5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23","name":"Family law"}]},{"userId":"0b6c6f1e-3d1a-4a8e-9a55-2f1e0c7d9b10","displayName":"Olu Owner","reason":"administrator","groups":[]}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "at is not an ISO-8601 time")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "No such matter in the caller's firm")
    public Uni<Page<ViewerResponse>> viewers(@PathParam("matterId") UUID matterId,
            @Parameter(description = AT) @QueryParam("at") String at, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        Instant when = PointInTime.parse(at);
        UUID firm = caller.firmId();
        return access.requireAdministrator(firm, caller.actorId())
                .chain(() -> access.viewers(firm, caller.actorId(), matterId, when, cursors.position(firm, page), page.limit() + 1))
                .map(rows -> cursors.page(firm, rows, page.limit(), v -> Map.of("name", v.displayName(), "id", v.userId().toString())));
    }
}
