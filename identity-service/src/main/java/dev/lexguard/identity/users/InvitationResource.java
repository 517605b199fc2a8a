package dev.lexguard.identity.users;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The invited user's side: the token from the mailed link is the only credential. */
@Path("/api/v1/invitations/{token}")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final UserService users;

    public InvitationResource(UserService users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "Show an invitation", description = "For the accept page. Unknown, used, revoked and expired tokens all answer 404.")
    @APIResponse(responseCode = "200", description = "The invitation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "invitation", value = """
                    {"email":"ben@harbourlane.example","displayName":"Ben Adeyemi","firmName":"Harbour & Lane LLP","expiresAt":"2026-12-06T19:10:00.000Z"}""")))
    @APIResponse(responseCode = "404", description = "Unknown, used, revoked or expired")
    public Uni<InvitationResponse> show(@PathParam("token") String token) {
        return users.describeInvitation(token);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept an invitation and set the password",
            description = "Single use. The password rules are those of sign-up. The user can then sign in.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accept",
            value = """
                    {"password":"quiet river copper lantern"}""")))
    @APIResponse(responseCode = "200", description = "The now active user", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "activated", value = """
                    {"id":"5d1f8a52-3c4e-4b7a-9e2f-1a2b3c4d5e6f","email":"ben@harbourlane.example","displayName":"Ben Adeyemi","status":"active","owner":false,"permissions":[],"createdAt":"2026-11-29T19:10:00.000Z"}""")))
    @APIResponse(responseCode = "400", description = "Weak password")
    @APIResponse(responseCode = "404", description = "Unknown, used, revoked or expired")
    @APIResponse(responseCode = "409", description = "The address already has an account (in any firm): one address signs in "
            + "as one account (email-in-use); only the address's owner, who holds the invitation, learns this")
    public Uni<UserResponse> accept(@PathParam("token") String token, @Valid @NotNull AcceptInvitationRequest request) {
        return users.acceptInvitation(token, request).map(UserResponse::of);
    }
}
