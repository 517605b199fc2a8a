package dev.lexguard.identity.passwords;

import dev.lexguard.identity.sessions.ClientInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth/password-reset")
@Tag(name = "Passwords")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    private final PasswordService passwords;

    public PasswordResetResource(PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a password reset",
            description = "Always 202, whether or not an account has this email. For an active account it starts a "
                    + "single-use, 30-minute reset and publishes `dev.lexguard.identity.password.resetRequested` with the "
                    + "reset id (never the link); the firm's mailer fetches the one-time link and mails it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "request",
            value = """
                    {"email":"ada@harbourlane.example"}""")))
    @APIResponse(responseCode = "202", description = "Accepted (says nothing about the account)")
    @APIResponse(responseCode = "400", description = "Not an email address")
    public Uni<Response> requestReset(@Valid @NotNull ResetRequest request) {
        return passwords.requestReset(request).map(ignored -> Response.accepted().build());
    }

    @POST
    @Path("/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset token",
            description = "Single use. A user with two-factor authentication must also give a code: a reset never "
                    + "bypasses the second factor. Every session of the user ends.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "complete",
            value = """
                    {"token":"lgp_x8Jd0Kq1VZrN2mWcA4bT7yHs3LuE6fGpQi9oRkXw5Dn","newPassword":"copper kettle morning fog"}""")))
    @APIResponse(responseCode = "204", description = "The password is set; sign in with it")
    @APIResponse(responseCode = "400", description = "Invalid, used or expired token; weak password; code required",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid token", value = """
                    {"type":"https://lexguard.dev/problems/invalid-reset-token","title":"Bad request","status":400,"detail":"The reset link is not valid, has been used or has expired","instance":"/api/v1/auth/password-reset/complete","requestId":"4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a","errors":[{"field":"token","message":"is not a valid reset token"}]}""")))
    @APIResponse(responseCode = "403", description = "Wrong second-factor code")
    public Uni<Response> completeReset(@Valid @NotNull CompleteResetRequest request, @Context HttpServerRequest http) {
        return passwords.completeReset(request, ClientInfo.of(http)).map(ended -> Response.noContent().build());
    }
}
