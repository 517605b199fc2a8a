package dev.lexguard.identity.passwords;

import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
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

@Path("/api/v1/me/password")
@Tag(name = "Passwords")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private final PasswordService passwords;
    private final Caller caller;

    public PasswordResource(PasswordService passwords, Caller caller) {
        this.passwords = passwords;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password",
            description = "Needs the current password, and a TOTP or recovery code when two-factor authentication is on; "
                    + "a user whose only second factor is a passkey gives a recovery code or none after a passkey "
                    + "step-up in the last 10 minutes (else 403 `step-up-required`). "
                    + "Every other session of the user ends (unless `endOtherSessions` is false); the current one stays.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "change",
            value = """
                    {"currentPassword":"tide clock harbour lantern","newPassword":"copper kettle morning fog","endOtherSessions":true}""")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Weak new password, or a code is required")
    @APIResponse(responseCode = "403", description = "Wrong current password or code, or (passkey only, no code) no fresh step-up",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong", value = """
                    {"type":"https://lexguard.dev/problems/wrong-password","title":"Forbidden","status":403,"detail":"The current password or the code is not correct","instance":"/api/v1/me/password","requestId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}""")))
    @APIResponse(responseCode = "429", description = "Too many wrong passwords")
    public Uni<Response> change(@Valid @NotNull ChangePasswordRequest request, @Context HttpServerRequest http) {
        caller.requireUser();
        return passwords.change(caller.firmId(), caller.actorId(), caller.sessionId(), request, ClientInfo.of(http),
                        caller::requireFreshSecondFactor)
                .map(ended -> Response.noContent().build());
    }
}
