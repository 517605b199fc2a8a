package dev.lexguard.permissions.accountpermissions;

import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/permissions")
@Tag(name = "Account permissions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccountPermissionsResource {

    static final String USER_EXAMPLE = """
            {"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","displayName":"Bea Biller","status":"active","owner":false,"permissions":["billing","reporting"],"directPermissions":["billing"],"roles":[{"id":"0b9d8e1a-44a3-4bb0-8c43-6f3f1f0e2a11","name":"Reporting clerk"}]}""";
    static final String PROBLEM = "application/problem+json";

    private final Caller caller;
    private final AccountPermissionsService permissions;

    public AccountPermissionsResource(Caller caller, AccountPermissionsService permissions) {
        this.caller = caller;
        this.permissions = permissions;
    }

    @GET
    @Path("/users/{userId}")
    @Operation(summary = "Read a user's account permissions",
            description = "Effective permissions (direct, through roles, or as the owner), with where they come from. "
                    + "A user may read their own; reading anyone else's needs administrator.")
    @APIResponse(responseCode = "200", description = "The user's permissions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "permissions", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator, and not the caller's own")
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    public Uni<UserPermissionsResponse> read(@PathParam("userId") UUID userId) {
        caller.requireUser();
        return permissions.read(caller.firmId(), caller.actorId(), userId);
    }

    @PUT
    @Path("/users/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the permissions a user holds directly",
            description = "Administrators only. Nobody can change their own permissions or the owner's, and the firm's "
                    + "last active administrator cannot lose the permission. Publishes "
                    + "dev.lexguard.permissions.accountpermissions.changed with the full effective set when it changes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "billing and reporting", value = """
                    {"permissions":["billing","reporting"]}""")))
    @APIResponse(responseCode = "200", description = "The user's permissions after the change", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "permissions", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Unknown permission or malformed body", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "unknown permission", value = """
                    {"type":"https://lexguard.dev/problems/invalid-field","title":"Invalid field","status":400,"detail":"A field has a value of the wrong type or format","instance":"/api/v1/permissions/users/cdba682f-99c5-4e72-b35b-9cec60f45e73","requestId":"6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","errors":[{"field":"permissions[0]","message":"has an invalid value"}]}""")))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator")
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    @APIResponse(responseCode = "422", description = "Own permissions, the owner's, or the last administrator", content = @Content(
            mediaType = PROBLEM, examples = @ExampleObject(name = "own permissions", value = """
                    {"type":"https://lexguard.dev/problems/own-permissions","title":"Unprocessable","status":422,"detail":"Administrators cannot change their own permissions","instance":"/api/v1/permissions/users/cdba682f-99c5-4e72-b35b-9cec60f45e73","requestId":"0f1e2d3c-4b5a-4697-8877-665544332211"}""")))
    public Uni<UserPermissionsResponse> set(@PathParam("userId") UUID userId, @Valid @NotNull SetPermissionsRequest request) {
        caller.requireUser();
        return permissions.setDirect(caller.firmId(), caller.actorId(), userId, request.permissions());
    }

    @POST
    @Path("/ownership")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transfer the firm's ownership",
            description = "Only the owner, with a second factor proven in the last 10 minutes (step-up). The new owner must be an active user of the firm and gets every permission; "
                    + "the previous owner keeps every permission as direct grants, which an administrator may then change.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "transfer",
            value = """
                    {"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73"}""")))
    @APIResponse(responseCode = "200", description = "The new owner's permissions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "new owner", value = """
                    {"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","displayName":"Bea Biller","status":"active","owner":true,"permissions":["accounts","administrator","billing","reporting"],"directPermissions":[],"roles":[]}""")))
    @APIResponse(responseCode = "403", description = "The caller is not the owner (owner-only), or proved no second factor in the "
            + "last 10 minutes (step-up-required: step up at POST /api/v1/auth/step-up)")
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    @APIResponse(responseCode = "422", description = "The user is not active, or is already the owner")
    public Uni<UserPermissionsResponse> transfer(@Valid @NotNull TransferOwnershipRequest request) {
        caller.requireUser();
        // the owner only, then a second factor proven in the last ten minutes: the firm is handed over
        return permissions.transferOwnership(caller.firmId(), caller.actorId(), request.userId(), caller::requireFreshSecondFactor);
    }
}
