package dev.lexguard.permissions.matters;

import dev.lexguard.permissions.access.AccessService;
import dev.lexguard.permissions.access.PointInTime;
import dev.lexguard.permissions.access.VisibleMatterResponse;
import dev.lexguard.permissions.groupfilters.GroupFilterService;
import dev.lexguard.permissions.matteraccess.AccessListRequest;
import dev.lexguard.permissions.matteraccess.AccessListResponse;
import dev.lexguard.permissions.matteraccess.MatterAccessService;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/matters")
@Tag(name = "Matters")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MatterResource {

    static final String PROBLEM = "application/problem+json";
    static final String MATTER_REQUEST = """
            {"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","clientContactId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","responsibleAttorneyId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","practiceArea":"Family law","status":"open"}""";
    static final String MATTER = """
            {"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","clientContactId":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","responsibleAttorneyId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","practiceArea":"Family law","status":"open","accessVersion":1,"createdAt":"2026-11-29T19:30:00.000001Z","updatedAt":"2026-11-29T19:30:00.000001Z"}""";
    static final String ACCESS_REQUEST = """
            {"mode":"restricted","groupIds":["5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"],"userIds":["cdba682f-99c5-4e72-b35b-9cec60f45e73"],"blockedUserIds":["3f2e1d0c-9b8a-4765-8432-10fedcba9876"]}""";
    static final String ACCESS_LIST = """
            {"matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","mode":"restricted","groups":[{"id":"5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23","name":"Family law"}],"users":[{"id":"cdba682f-99c5-4e72-b35b-9cec60f45e73","name":"Bea Biller"}],"blockedUsers":[{"id":"3f2e1d0c-9b8a-4765-8432-10fedcba9876","name":"Carl Conflicted"}],"version":2,"at":null}""";

    static final String GROUP_PARAM = "Repeatable. A group id of the firm, or mine (the caller's groups): only rows whose access "
            + "list names one of them. all: no filter, not even the caller's saved default (GET /api/v1/groups/default-filter), "
            + "which applies when no group is given. Never shows more than access allows. At most 50.";
    static final String INVALID_GROUP_FILTER = """
            {"type":"https://lexguard.dev/problems/invalid-group-filter","title":"Bad request","status":400,"detail":"The group filter is not valid","instance":"/api/v1/matters","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e","errors":[{"field":"group","message":"must be a group id or mine or all"}]}""";
    static final String UNKNOWN_GROUP = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"The filter names a group this firm does not have","instance":"/api/v1/matters","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e"}""";

    private final Caller caller;
    private final MatterService matters;
    private final MatterAccessService access;
    private final AccessService checks;
    private final CursorCodec cursors;
    private final GroupFilterService filters;

    public MatterResource(Caller caller, MatterService matters, MatterAccessService access, AccessService checks, CursorCodec cursors,
            GroupFilterService filters) {
        this.caller = caller;
        this.matters = matters;
        this.access = access;
        this.checks = checks;
        this.cursors = cursors;
        this.filters = filters;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a matter", description = "Administrators only (the practice-management core registers its "
            + "matters here). id is the core's id (chosen here when absent); display numbers are unique in the firm, ignoring "
            + "case. Access starts as everyone. Publishes dev.lexguard.permissions.matter.registered.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "matter", value = MATTER_REQUEST)))
    @APIResponse(responseCode = "201", description = "The matter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "matter", value = MATTER)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "The id or the display number is taken (matter-exists, duplicate-display-number)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "duplicate number", value = """
                    {"type":"https://lexguard.dev/problems/duplicate-display-number","title":"Conflict","status":409,"detail":"The firm already has a matter with this display number","instance":"/api/v1/matters","requestId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}""")))
    @APIResponse(responseCode = "422", description = "The responsible attorney is not a user of the firm (unknown-user)")
    public Uni<Response> register(@Valid @NotNull MatterRequest request) {
        caller.requireUser();
        return matters.register(caller.firmId(), caller.actorId(), request)
                .map(matter -> Response.created(URI.create("/api/v1/matters/" + matter.id())).entity(matter).build());
    }

    @GET
    @Operation(summary = "List the matters the caller may see", description = "By display number; cursor paging. A restricted "
            + "matter appears only through its access list (or to administrators); billing, reporting and accounts reveal nothing. "
            + "group narrows the list to matters whose access list names one of the groups (a walled matter stays hidden); "
            + "without group, the caller's saved default filter applies. A cursor continues only the filter it was issued for.")
    @APIResponse(responseCode = "200", description = "A page of matters", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","status":"open","access":"restricted"}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "A group entry is neither a group id, mine nor all (invalid-group-filter), "
            + "or a cursor of another firm or another filter (invalid-cursor)", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "malformed group", value = INVALID_GROUP_FILTER)))
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "unknown group", value = UNKNOWN_GROUP)))
    public Uni<Page<VisibleMatterResponse>> list(@Valid @BeanParam PageRequest page,
            @Parameter(description = GROUP_PARAM, explode = Explode.TRUE, examples = {
                    @ExampleObject(name = "one group", value = "5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"),
                    @ExampleObject(name = "the caller's groups", value = "mine"),
                    @ExampleObject(name = "no filter", value = "all")}) @QueryParam("group") List<String> group) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return filters.effective(firm, caller.actorId(), group).chain(filter -> checks.visibleMatters(firm, caller.actorId(),
                caller.actorId(), filter, filter.continuing(cursors.position(firm, page)), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        m -> filter.position(Map.of("number", m.displayNumber(), "id", m.id().toString())))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a matter", description = "A matter the caller may not see answers 404, like one that does not exist.")
    @APIResponse(responseCode = "200", description = "The matter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "matter", value = MATTER)))
    @APIResponse(responseCode = "404", description = "Not found, not yours, or not visible to the caller")
    public Uni<MatterResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return matters.read(caller.firmId(), caller.actorId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a matter's details", description = "Administrators only; a closed matter cannot change. "
            + "Publishes dev.lexguard.permissions.matter.updated.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "matter", value = MATTER_REQUEST)))
    @APIResponse(responseCode = "200", description = "The matter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "matter", value = MATTER)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The display number is taken")
    @APIResponse(responseCode = "422", description = "The matter is closed (matter-closed), or an unknown responsible attorney")
    public Uni<MatterResponse> update(@PathParam("id") UUID id, @Valid @NotNull MatterRequest request) {
        caller.requireUser();
        return matters.update(caller.firmId(), caller.actorId(), id, request);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close a matter", description = "Administrators only. Its access list stays in force. "
            + "Publishes dev.lexguard.permissions.matter.closed.")
    @APIResponse(responseCode = "200", description = "The closed matter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "matter", value = MATTER)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "Already closed (already-closed)")
    public Uni<MatterResponse> close(@PathParam("id") UUID id) {
        caller.requireUser();
        return matters.close(caller.firmId(), caller.actorId(), id);
    }

    @GET
    @Path("/{id}/access")
    @Operation(summary = "Read a matter's access list, now or at a past time", description = "Administrators only.")
    @APIResponse(responseCode = "200", description = "The access list", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "access list", value = ACCESS_LIST)))
    @APIResponse(responseCode = "400", description = "at is not an ISO-8601 time")
    @APIResponse(responseCode = "404", description = "Not found or not yours, not registered yet at that time, or the list blocks the caller")
    public Uni<AccessListResponse> readAccess(@PathParam("id") UUID id,
            @Parameter(description = "ISO-8601 time, e.g. 2026-11-01T09:00:00Z; absent: now") @QueryParam("at") String at) {
        caller.requireUser();
        return access.read(caller.firmId(), caller.actorId(), id, PointInTime.parse(at));
    }

    @PUT
    @Path("/{id}/access")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a matter's access list", description = "Administrators only. mode everyone (default for a new "
            + "matter) or restricted to the listed groups and users; blockedUserIds apply in both modes and beat every allow, "
            + "administrator included. No cap on entries. Unknown or other firms' users and groups are a 400 naming them, and "
            + "nothing changes. Publishes dev.lexguard.permissions.matteraccess.changed with the whole resulting list.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "restricted", value = ACCESS_REQUEST)))
    @APIResponse(responseCode = "200", description = "The new access list", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "access list", value = ACCESS_LIST)))
    @APIResponse(responseCode = "400", description = "Unknown users or groups (unknown-principals) or a contradictory list (invalid-access-list)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "unknown principals", value = """
                    {"type":"https://lexguard.dev/problems/unknown-principals","title":"Bad request","status":400,"detail":"The access list names users or groups this firm does not have","instance":"/api/v1/matters/9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d/access","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e","errors":[{"field":"groupIds","message":"0f0e0d0c-0b0a-4909-8807-060504030201 is not a group of this firm"}]}""")))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours, or the list blocks the caller (another administrator must lift it)")
    @APIResponse(responseCode = "409", description = "The list would block every administrator, so none could change it again",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "no administrator left", value = """
                    {"type":"https://lexguard.dev/problems/no-administrator-left","title":"Conflict","status":409,"detail":"The list would block every administrator of the firm, so none could change it again; leave at least one administrator unblocked","instance":"/api/v1/matters/9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d/access","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e"}""")))
    public Uni<AccessListResponse> replaceAccess(@PathParam("id") UUID id, @Valid @NotNull AccessListRequest request) {
        caller.requireUser();
        return access.replace(caller.firmId(), caller.actorId(), id, request);
    }
}
