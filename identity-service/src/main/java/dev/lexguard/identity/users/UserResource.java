package dev.lexguard.identity.users;

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

@Path("/api/v1/users")
@Tag(name = "Users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    static final String USER_EXAMPLE = """
            {"id":"5d1f8a52-3c4e-4b7a-9e2f-1a2b3c4d5e6f","email":"ben@harbourlane.example","displayName":"Ben Adeyemi","status":"invited","owner":false,"permissions":[],"createdAt":"2026-11-29T19:10:00.000Z"}""";
    static final String DEACTIVATED_EXAMPLE = """
            {"id":"5d1f8a52-3c4e-4b7a-9e2f-1a2b3c4d5e6f","email":"ben@harbourlane.example","displayName":"Ben Adeyemi","status":"deactivated","owner":false,"permissions":[],"createdAt":"2026-11-29T19:10:00.000Z","deactivatedAt":"2026-11-30T08:00:00.000Z"}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"Not found or not yours","instance":"/api/v1/users/5d1f8a52-3c4e-4b7a-9e2f-1a2b3c4d5e6f","requestId":"1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"}""";

    private final UserService users;
    private final Caller caller;
    private final CursorCodec cursors;

    public UserResource(UserService users, Caller caller, CursorCodec cursors) {
        this.users = users;
        this.caller = caller;
        this.cursors = cursors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a user (administrators)",
            description = "Creates the user as `invited` with a single-use invitation valid for 7 days. The event "
                    + "`dev.lexguard.identity.user.invited` tells the firm's mailer, which fetches the one-time link.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "invite",
            value = """
                    {"email":"ben@harbourlane.example","displayName":"Ben Adeyemi"}""")))
    @APIResponse(responseCode = "201", description = "The invited user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "invited", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator")
    @APIResponse(responseCode = "409", description = "The email address already has an account")
    public Uni<Response> invite(@Valid @NotNull InviteRequest request) {
        caller.requireUser();
        caller.requirePermission("administrator");
        return users.invite(caller.firmId(), caller.actorId(), request).map(user -> Response
                .created(URI.create("/api/v1/users/" + user.id())).entity(UserResponse.of(user)).build());
    }

    @GET
    @Operation(summary = "List the firm's users", description = "In email order, with cursor paging (`limit` 1..200, default 50).")
    @APIResponse(responseCode = "200", description = "A page of users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page", value = """
                    {"items":[""" + USER_EXAMPLE + """
                    ],"nextCursor":"AcPpFMCNtzYm9IV5iXk2ZPsXJJ-9aL9-EF-dkYQPHACUeyJlbWFpbCI6ImJlbkBoYXJib3VybGFuZS5leGFtcGxlIn0"}""")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Page<UserResponse>> list(@Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firmId = caller.firmId();
        String after = cursors.position(firmId, page).map(position -> position.get("email")).orElse(null);
        return users.page(firmId, after, page.limit() + 1)
                .map(rows -> cursors.page(firmId, rows, page.limit(),
                        user -> Map.of("email", user.email())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a user of the firm", description = "Another firm's user answers 404, as an unknown id does.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
    public Uni<UserResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return users.show(caller.firmId(), id);
    }

    @POST
    @Path("/{id}/invitation")
    @Operation(summary = "Invite a user again (administrators)",
            description = "For a user who has not accepted yet: earlier invitation links stop working and a new "
                    + "`user.invited` event goes to the mailer.")
    @APIResponse(responseCode = "200", description = "The invited user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "invited", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "422", description = "The user is already active or deactivated")
    public Uni<UserResponse> reinvite(@PathParam("id") UUID id) {
        caller.requireUser();
        caller.requirePermission("administrator");
        return users.reinvite(caller.firmId(), caller.actorId(), id).map(UserResponse::of);
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a user (administrators)",
            description = "The user can no longer sign in, and every session of the user ends at once (one "
                    + "`session.ended` event each). A pending invitation is revoked. The owner cannot be deactivated.")
    @APIResponse(responseCode = "200", description = "The deactivated user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "deactivated", value = DEACTIVATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "422", description = "The owner, or the caller themself",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "owner", value = """
                    {"type":"https://lexguard.dev/problems/owner-cannot-be-deactivated","title":"Business rule violated","status":422,"detail":"The firm's owner cannot be deactivated","instance":"/api/v1/users/cdba682f-99c5-4e72-b35b-9cec60f45e73/deactivate","requestId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}""")))
    public Uni<UserResponse> deactivate(@PathParam("id") UUID id) {
        caller.requireUser();
        caller.requirePermission("administrator");
        return users.deactivate(caller.firmId(), caller.actorId(), id).map(UserResponse::of);
    }
}
