package dev.lexguard.identity.passkeys;

import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.twofactor.TwoFactorResource;
import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/passkeys")
@Tag(name = "Passkeys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    static final String PASSKEY_EXAMPLE = """
            {"id":"5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","name":"MacBook Touch ID","createdAt":"2026-12-07T10:15:30.120Z","lastUsedAt":"2026-12-07T12:02:11.004Z","transports":["hybrid","internal"],"suspect":false}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"Not found","instance":"/api/v1/passkeys/5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","requestId":"4b5c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d7e"}""";

    static final String POLICY_EXAMPLE = """
            {"passwordless":true,"updatedAt":"2026-12-07T12:30:00.000Z"}""";

    private final PasskeyService passkeys;
    private final Caller caller;

    public PasskeyResource(PasskeyService passkeys, Caller caller) {
        this.passkeys = passkeys;
        this.caller = caller;
    }

    @POST
    @Path("/registration-options")
    @Operation(summary = "Creation options for a new passkey",
            description = "PublicKeyCredentialCreationOptions as JSON (binary values base64url) for "
                    + "navigator.credentials.create(): the relying party, the caller's random user handle (never the "
                    + "email), a single-use challenge valid 5 minutes, ES256 and RS256, a discoverable credential "
                    + "preferred, user verification required, attestation none, and the caller's passkeys excluded. A "
                    + "user who already has a second factor needs one proven in the last 10 minutes (step-up).")
    @APIResponse(responseCode = "200", description = "The options",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "options", value = """
                    {"rp":{"id":"app.lexguard.dev","name":"LexGuard"},"user":{"id":"q9Hc2xW4mV0bR7tY1uI3oP5aS8dF6gJ2kL4zX7cV9bN","name":"ada@harbourlane.example","displayName":"Ada Lovelace"},"challenge":"Xk3v9Qm2Lr8Tz5Wn1Bp7Hy4Jd6Fs0Ga2Ce9Ku3Mo5Ri","pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],"timeout":300000,"excludeCredentials":[{"type":"public-key","id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","transports":["internal"]}],"authenticatorSelection":{"residentKey":"preferred","requireResidentKey":false,"userVerification":"required"},"attestation":"none"}""")))
    @APIResponse(responseCode = "403", description = "A second factor is on and none was proven in the last 10 minutes",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)))
    public Uni<Response> registrationOptions() {
        caller.requireUser();
        return passkeys.registrationOptions(caller.firmId(), caller.actorId(), caller.sessionId(),
                caller::requireFreshSecondFactor).map(PasskeyResource::noStore);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a passkey",
            description = "Takes a name and the browser's registration response (PublicKeyCredential.toJSON()). "
                    + "webauthn4j verifies the challenge (issued to this user, unused, unexpired; used up by any "
                    + "answer), the origin, the rp id hash, user presence and verification, and the algorithm "
                    + "(ES256 or RS256). Stored: the credential id, COSE public key, sign count, transports and AAGUID. "
                    + "Emits `passkey.registered`; a refusal emits `passkey.rejected`. A user without unused recovery "
                    + "codes (a first passkey, no authenticator app) gets ten in the answer, shown once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "register",
            value = """
                    {"name":"MacBook Touch ID","credential":{"id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","rawId":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiWGszdjlRbTJMcjhUejVXbjFCcDdIeTRKZDZGczBHYTJDZTlLdTNNbzVSaSIsIm9yaWdpbiI6Imh0dHBzOi8vYXBwLmxleGd1YXJkLmRldiJ9","attestationObject":"o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVjF...","transports":["internal","hybrid"]},"clientExtensionResults":{}}}""")))
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "passkey", value = PASSKEY_EXAMPLE),
                    @ExampleObject(name = "first passkey, with recovery codes", value = """
                            {"id":"5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","name":"MacBook Touch ID","createdAt":"2026-12-07T10:15:30.120Z","transports":["hybrid","internal"],"suspect":false,"recoveryCodes":["7KQM-2XRT-9PLW-4HZN","C3VB-8NJD-5FGS-2KWQ","M9TX-4RHP-6ZLD-3BNC","Q2WE-7YUP-5KJH-8GFD","R6TY-3UIP-9LKJ-2HGF","S4DF-8GHJ-2KLZ-7XCV","T7BN-3MQW-5ERT-9YUP","V2AS-6DFG-8HJK-3LZX","W9CV-4BNM-2QWE-6RTY","X5UP-7ASD-3FGH-9JKL"]}""")}))
    @APIResponse(responseCode = "400", description = "No name or no credential")
    @APIResponse(responseCode = "403", description = "A second factor is on and none was proven in the last 10 minutes",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "This credential is already registered",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "exists", value = """
                    {"type":"https://lexguard.dev/problems/passkey-exists","title":"Conflict","status":409,"detail":"This passkey is already registered","instance":"/api/v1/passkeys","requestId":"6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a"}""")))
    @APIResponse(responseCode = "422", description = "Verification failed: wrong origin or rp id, no user verification, "
            + "an unknown, used or expired challenge, another algorithm, or a malformed response",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong origin", value = """
                    {"type":"https://lexguard.dev/problems/passkey-rejected","title":"Unprocessable","status":422,"detail":"The passkey was made for another web site (origin)","instance":"/api/v1/passkeys","requestId":"7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b"}""")))
    public Uni<Response> register(@Valid @NotNull RegisterPasskeyRequest request, @Context HttpServerRequest http,
            @Context UriInfo uri) {
        caller.requireUser();
        return passkeys.register(caller.firmId(), caller.actorId(), caller.sessionId(), request,
                caller::requireFreshSecondFactor, ClientInfo.of(http))
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Operation(summary = "The caller's passkeys", description = "Names, dates and transports; never keys or credential ids.")
    @APIResponse(responseCode = "200", description = "The passkeys, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "list",
                    value = "[" + PASSKEY_EXAMPLE + "]")))
    public Uni<List<PasskeyResponse>> list() {
        caller.requireUser();
        return passkeys.list(caller.firmId(), caller.actorId());
    }

    @GET
    @Path("/policy")
    @Operation(summary = "The firm's passkey settings (administrators)")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<PasskeyPolicyResponse> policy() {
        caller.requirePermission("administrator");
        return passkeys.policy(caller.firmId());
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Allow or forbid passwordless sign-in with a passkey (administrators, fresh second factor)",
            description = "Off by default. When on, the firm's users may sign in with a discoverable passkey alone "
                    + "(`POST /api/v1/auth/passkey`, amr `[hwk, user]`). Emits `passkey.policyChanged`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "allow",
            value = """
                    {"passwordless":true}""")))
    @APIResponse(responseCode = "200", description = "The new settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No `passwordless` boolean")
    @APIResponse(responseCode = "403", description = "Not an administrator, or no second factor proven in the last 10 minutes",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)))
    public Uni<PasskeyPolicyResponse> setPolicy(@Valid @NotNull PasskeyPolicyRequest request) {
        caller.requirePermission("administrator");
        caller.requireFreshSecondFactor();
        return passkeys.setPolicy(caller.firmId(), caller.actorId(), request.passwordless());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a passkey", description = "Emits `passkey.renamed`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rename",
            value = """
                    {"name":"YubiKey 5C (office)"}""")))
    @APIResponse(responseCode = "200", description = "Renamed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "passkey", value = PASSKEY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No name, or longer than 64 characters")
    @APIResponse(responseCode = "404", description = "No such passkey of the caller's",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
    public Uni<PasskeyResponse> rename(@PathParam("id") UUID id, @Valid @NotNull RenamePasskeyRequest request) {
        caller.requireUser();
        return passkeys.rename(caller.firmId(), caller.actorId(), id, request.name());
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a passkey (fresh second factor)",
            description = "Needs a second factor proven in the last 10 minutes. If this is the caller's last second "
                    + "factor (no authenticator app, no other usable passkey) the body must carry the password, and the "
                    + "removal is refused while the firm's two-factor policy requires a second factor of the caller. "
                    + "Emits `passkey.removed`.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "not the last factor", value = "{}"),
        @ExampleObject(name = "the last factor", value = """
                {"password":"tide clock harbour lantern"}""")}))
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "The last second factor and no password",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "password required", value = """
                    {"type":"https://lexguard.dev/problems/password-required","title":"Bad request","status":400,"detail":"This passkey is your last second factor: give your password to remove it","instance":"/api/v1/passkeys/5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","requestId":"8f9a0b1c-2d3e-4f4a-8b5c-6d7e8f9a0b1c","errors":[{"field":"password","message":"is required to remove the last second factor"}]}""")))
    @APIResponse(responseCode = "403", description = "No fresh second factor (step-up), or a wrong password",
            content = @Content(mediaType = "application/problem+json", examples = {
                @ExampleObject(name = "step-up required", value = TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE),
                @ExampleObject(name = "wrong password", value = """
                        {"type":"https://lexguard.dev/problems/wrong-password","title":"Forbidden","status":403,"detail":"The password is not correct","instance":"/api/v1/passkeys/5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","requestId":"9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"}""")}))
    @APIResponse(responseCode = "404", description = "No such passkey of the caller's",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The firm's two-factor policy requires a second factor of the caller",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "policy", value = """
                    {"type":"https://lexguard.dev/problems/second-factor-required-by-policy","title":"Conflict","status":409,"detail":"The firm requires two-factor authentication of you: add another passkey or an authenticator app before removing the last one","instance":"/api/v1/passkeys/5f0c6a2e-8d3b-4b71-9f4e-2a6c1d7e8b90","requestId":"0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e"}""")))
    public Uni<Response> remove(@PathParam("id") UUID id, @Valid RemovePasskeyRequest request,
            @Context HttpServerRequest http) {
        caller.requireUser();
        return passkeys.remove(caller.firmId(), caller.actorId(), caller.sessionId(), id,
                request == null ? null : request.password(), caller::requireFreshSecondFactor, ClientInfo.of(http))
                .map(ignored -> Response.noContent().build());
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
