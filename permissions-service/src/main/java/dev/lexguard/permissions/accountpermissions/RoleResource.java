package dev.lexguard.permissions.accountpermissions;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/permissions")
@Tag(name = "Roles")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {

    static final String REQUEST = """
            {"name":"Billing clerk","permissions":["billing","reporting"]}""";
    static final String ROLE = """
            {"id":"0b9d8e1a-44a3-4bb0-8c43-6f3f1f0e2a11","name":"Billing clerk","permissions":["billing","reporting"],"createdAt":"2026-11-29T19:50:00.000001Z","updatedAt":"2026-11-29T19:50:00.000001Z"}""";

    private final Caller caller;
    private final RoleService roles;
    private final CursorCodec cursors;

    public RoleResource(Caller caller, RoleService roles, CursorCodec cursors) {
        this.caller = caller;
        this.roles = roles;
        this.cursors = cursors;
    }

    @POST
    @Path("/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a role", description = "Administrators only. Names are unique in the firm, ignoring case. "
            + "Publishes dev.lexguard.permissions.role.created.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "billing clerk", value = REQUEST)))
    @APIResponse(responseCode = "201", description = "The role", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "role", value = ROLE)))
    @APIResponse(responseCode = "400", description = "Invalid fields or an unknown permission")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "Another role has this name (duplicate-name)")
    public Uni<Response> create(@Valid @NotNull RoleRequest request) {
        caller.requireUser();
        return roles.create(caller.firmId(), caller.actorId(), request)
                .map(role -> Response.created(URI.create("/api/v1/permissions/roles/" + role.id())).entity(role).build());
    }

    @GET
    @Path("/roles")
    @Operation(summary = "List the firm's roles", description = "By name; cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of roles", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + ROLE + "],\"nextCursor\":null}")))
    public Uni<Page<RoleResponse>> list(@Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return roles.page(firm, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), r -> Map.of("name", r.name(), "id", r.id().toString())));
    }

    @GET
    @Path("/roles/{id}")
    @Operation(summary = "Read a role")
    @APIResponse(responseCode = "200", description = "The role", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "role", value = ROLE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<RoleResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return roles.find(caller.firmId(), id);
    }

    @PUT
    @Path("/roles/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a role or change its permissions", description = "Administrators only. Every holder's "
            + "effective permissions are recomputed (each change publishes dev.lexguard.permissions.accountpermissions.changed); "
            + "refused with last-administrator if no active administrator would remain. Publishes dev.lexguard.permissions.role.updated.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "billing clerk", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "The role", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "role", value = ROLE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "Another role has this name")
    @APIResponse(responseCode = "422", description = "No active administrator would remain (last-administrator)")
    public Uni<RoleResponse> update(@PathParam("id") UUID id, @Valid @NotNull RoleRequest request) {
        caller.requireUser();
        return roles.update(caller.firmId(), caller.actorId(), id, request);
    }

    @DELETE
    @Path("/roles/{id}")
    @Operation(summary = "Delete a role", description = "Administrators only. Holders lose what only the role gave them "
            + "(refused with last-administrator if no active administrator would remain). Publishes dev.lexguard.permissions.role.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "422", description = "No active administrator would remain (last-administrator)")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        caller.requireUser();
        return roles.delete(caller.firmId(), caller.actorId(), id).map(ignored -> Response.noContent().build());
    }

    @PUT
    @Path("/users/{userId}/roles/{roleId}")
    @Operation(summary = "Give a user a role", description = "Administrators only; not one's own, not the owner's. Idempotent.")
    @APIResponse(responseCode = "200", description = "The user's permissions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "permissions", value = AccountPermissionsResource.USER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such user or role in the caller's firm")
    @APIResponse(responseCode = "422", description = "own-permissions or owner-permissions")
    public Uni<UserPermissionsResponse> assign(@PathParam("userId") UUID userId, @PathParam("roleId") UUID roleId) {
        caller.requireUser();
        return roles.assign(caller.firmId(), caller.actorId(), userId, roleId);
    }

    @DELETE
    @Path("/users/{userId}/roles/{roleId}")
    @Operation(summary = "Take a role from a user", description = "Administrators only; not one's own, not the owner's; "
            + "refused with last-administrator if no active administrator would remain.")
    @APIResponse(responseCode = "200", description = "The user's permissions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "permissions", value = AccountPermissionsResource.USER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such user or role, or the user does not have the role")
    @APIResponse(responseCode = "422", description = "own-permissions, owner-permissions or last-administrator")
    public Uni<UserPermissionsResponse> unassign(@PathParam("userId") UUID userId, @PathParam("roleId") UUID roleId) {
        caller.requireUser();
        return roles.unassign(caller.firmId(), caller.actorId(), userId, roleId);
    }
}
