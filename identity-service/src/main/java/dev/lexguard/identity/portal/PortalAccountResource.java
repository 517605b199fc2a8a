package dev.lexguard.identity.portal;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The firm's side of portal accounts (administrators): see them, invite again, disable, reset a lost factor. */
@Path("/api/v1/portal-auth/accounts")
@Tag(name = "Portal accounts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PortalAccountResource {

    static final String ACCOUNT_EXAMPLE = """
            {"id":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","email":"casey@client.example","name":"Casey Client","kind":"client","status":"active","twoFactorEnabled":false,"createdAt":"2026-11-30T10:00:00.000Z","activatedAt":"2026-11-30T10:20:00.000Z"}""";
    static final String INVITED_EXAMPLE = """
            {"id":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","email":"casey@client.example","name":"Casey Client","kind":"client","status":"invited","createdAt":"2026-11-30T10:00:00.000Z"}""";

    private final PortalAccountService accounts;
    private final Caller caller;
    private final CursorCodec cursors;

    public PortalAccountResource(PortalAccountService accounts, Caller caller, CursorCodec cursors) {
        this.accounts = accounts;
        this.caller = caller;
        this.cursors = cursors;
    }

    @GET
    @Operation(summary = "List the firm's portal accounts (administrators)",
            description = "In email order, with cursor paging (`limit` 1..200, default 50). Accounts appear when a contact "
                    + "receives a first share (sharing-service asks for them).")
    @APIResponse(responseCode = "200", description = "A page of accounts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + INVITED_EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "403", description = "Not an administrator, or a portal token")
    public Uni<Page<PortalAccountResponse>> list(@Valid @BeanParam PageRequest page) {
        UUID firmId = administrator();
        String after = cursors.position(firmId, page).map(position -> position.get("email")).orElse(null);
        return accounts.page(firmId, after, page.limit() + 1)
                .map(rows -> cursors.page(firmId, rows.stream().map(PortalAccountResponse::of).toList(), page.limit(),
                        account -> Map.of("email", account.email())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a portal account (administrators)", description = "Another firm's account answers 404.")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "account", value = ACCOUNT_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<PortalAccountResponse> read(@PathParam("id") UUID id) {
        return accounts.show(administrator(), id).map(PortalAccountResponse::of);
    }

    @POST
    @Path("/{id}/invitation")
    @Operation(summary = "Invite the contact again (administrators)",
            description = "A new 7-day invitation (announced by `dev.lexguard.identity.portal.invited`); earlier links stop "
                    + "working. A disabled account comes back this way and needs a new password.")
    @APIResponse(responseCode = "200", description = "The account, invited", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "invited", value = INVITED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The contact has already set a password")
    public Uni<PortalAccountResponse> reinvite(@PathParam("id") UUID id) {
        UUID firmId = administrator();
        return accounts.reinvite(firmId, caller.actorId(), id).map(PortalAccountResponse::of);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable a portal account (administrators)",
            description = "The contact's sessions end at once and their refresh tokens stop working; sign-in answers 401.")
    @APIResponse(responseCode = "200", description = "The account, disabled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "disabled", value = """
                    {"id":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","email":"casey@client.example","name":"Casey Client","kind":"client","status":"disabled","createdAt":"2026-11-30T10:00:00.000Z","activatedAt":"2026-11-30T10:20:00.000Z"}""")))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<PortalAccountResponse> disable(@PathParam("id") UUID id) {
        UUID firmId = administrator();
        return accounts.disable(firmId, caller.actorId(), id).map(PortalAccountResponse::of);
    }

    @DELETE
    @Path("/{id}/two-factor")
    @Operation(summary = "Turn a contact's two-factor authentication off (administrators)",
            description = "For a contact who lost their authenticator; they may enrol again after signing in.")
    @APIResponse(responseCode = "204", description = "Off")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "Two-factor authentication is not on for this contact")
    public Uni<Response> resetTwoFactor(@PathParam("id") UUID id) {
        UUID firmId = administrator();
        return accounts.resetTwoFactor(firmId, caller.actorId(), id).map(ignored -> Response.noContent().build());
    }

    private UUID administrator() {
        caller.requireUser();
        caller.requirePermission("administrator");
        return caller.firmId();
    }
}
