package dev.lexguard.permissions.groups;

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
import jakarta.ws.rs.DELETE;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/groups")
@Tag(name = "Groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {

    static final String PROBLEM = "application/problem+json";
    static final String GROUP_REQUEST = """
            {"name":"Family law","description":"Everyone who works on family matters","kind":"practice_area"}""";
    static final String GROUP = """
            {"id":"5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23","name":"Family law","description":"Everyone who works on family matters","kind":"practice_area","createdAt":"2026-11-29T19:20:00.123456Z","updatedAt":"2026-11-29T19:20:00.123456Z"}""";

    private final Caller caller;
    private final GroupService groups;
    private final CursorCodec cursors;

    public GroupResource(Caller caller, GroupService groups, CursorCodec cursors) {
        this.caller = caller;
        this.groups = groups;
        this.cursors = cursors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group", description = "Administrators only. Names are unique in the firm, ignoring case. "
            + "kind: role, practice_area, billing_type, office or other. Publishes dev.lexguard.permissions.group.created.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "group", value = GROUP_REQUEST)))
    @APIResponse(responseCode = "201", description = "The group", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "group", value = GROUP)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "Another group has this name", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "duplicate name", value = """
                    {"type":"https://lexguard.dev/problems/duplicate-name","title":"Conflict","status":409,"detail":"The firm already has a group with this name","instance":"/api/v1/groups","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""")))
    public Uni<Response> create(@Valid @NotNull GroupRequest request) {
        caller.requireUser();
        return groups.create(caller.firmId(), caller.actorId(), request)
                .map(group -> Response.created(URI.create("/api/v1/groups/" + group.id())).entity(group).build());
    }

    @GET
    @Operation(summary = "List the firm's groups", description = "By name; cursor paging (?limit=&cursor=).")
    @APIResponse(responseCode = "200", description = "A page of groups", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + GROUP + "],\"nextCursor\":null}")))
    public Uni<Page<GroupResponse>> list(@Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return groups.page(firm, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), g -> Map.of("name", g.name(), "id", g.id().toString())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a group")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "group", value = GROUP)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<GroupResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return groups.read(caller.firmId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a group or change its description or kind",
            description = "Administrators only. Publishes dev.lexguard.permissions.group.updated.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "group", value = GROUP_REQUEST)))
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "group", value = GROUP)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "Another group has this name")
    public Uni<GroupResponse> update(@PathParam("id") UUID id, @Valid @NotNull GroupRequest request) {
        caller.requireUser();
        return groups.update(caller.firmId(), caller.actorId(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a group",
            description = "Administrators only. A group that still restricts matters or activity descriptions is a 409 naming "
                    + "them, unless reassignTo names the group that takes its place on those lists (each changed matter "
                    + "publishes its new access list). Publishes dev.lexguard.permissions.group.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The group still restricts matters or activity descriptions",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "in use", value = """
                    {"type":"https://lexguard.dev/problems/group-in-use","title":"Conflict","status":409,"detail":"The group still restricts 2 matter(s) (2026-0001, 2026-0007) and 0 activity description(s); delete it with reassignTo=<group id> to move their access to another group","instance":"/api/v1/groups/5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23","requestId":"7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"}""")))
    @APIResponse(responseCode = "422", description = "reassignTo is the group itself or not a group of the firm (invalid-reassignment)")
    public Uni<Response> delete(@PathParam("id") UUID id,
            @Parameter(description = "the group that takes this group's place on access lists") @QueryParam("reassignTo") UUID reassignTo) {
        caller.requireUser();
        return groups.delete(caller.firmId(), caller.actorId(), id, reassignTo).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "List a group's current members", description = "By display name; cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of members", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","displayName":"Bea Biller","status":"active","since":"2026-11-29T19:21:00.654321Z"}],"nextCursor":null}""")))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<Page<MemberResponse>> members(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return groups.members(firm, id, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), m -> Map.of("name", m.displayName(), "id", m.userId().toString())));
    }

    @PUT
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Add a user to a group", description = "Administrators only; idempotent. "
            + "Publishes dev.lexguard.permissions.groupmember.added when the user was not a member.")
    @APIResponse(responseCode = "204", description = "The user is a member")
    @APIResponse(responseCode = "404", description = "No such group or user in the caller's firm")
    @APIResponse(responseCode = "422", description = "The user is deactivated (user-deactivated)")
    public Uni<Response> addMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        caller.requireUser();
        return groups.addMember(caller.firmId(), caller.actorId(), id, userId).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Remove a user from a group", description = "Administrators only. "
            + "Publishes dev.lexguard.permissions.groupmember.removed. The membership stays in the history.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such group in the caller's firm, or the user is not a member")
    public Uni<Response> removeMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        caller.requireUser();
        return groups.removeMember(caller.firmId(), caller.actorId(), id, userId).map(ignored -> Response.noContent().build());
    }
}
