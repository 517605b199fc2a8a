package dev.lexguard.identity.approvals;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The mobile app's side of phone approval, authenticated as the device: its device-bound credential in
 * {@code X-Device-Credential} for the device in the path, and for keys and answers a P-256 signature on top.
 */
@Path("/api/v1/devices/{id}")
@Tag(name = "Phone approval")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ApprovalDeviceResource {

    static final String CREDENTIAL_HEADER = "X-Device-Credential";
    private static final String CREDENTIAL_EXAMPLE = "lgd_Wm9xT3p1c0x2QmN4Z1RrR2hKcE5vQzhZZlVqS2E";
    private static final String INVALID_CREDENTIAL_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/invalid-device-credential","title":"Invalid device credential","status":401,"detail":"This device is not registered or has been signed out; sign in with your password","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/approvals","requestId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}""";
    private static final String BAD_SIGNATURE_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/invalid-approval-signature","title":"Forbidden","status":403,"detail":"The signature is not this device's approval key's signature of the answer","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/approvals/5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","requestId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}""";

    private final ApprovalService approvals;

    public ApprovalDeviceResource(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @POST
    @Path("/approval-key/challenge")
    @Operation(summary = "A challenge to sign when registering the device's approval key",
            description = "32 random bytes (base64url), valid 5 minutes, single use; asking again replaces it. The app "
                    + "signs, with the private key it registers, the UTF-8 string `lexguard-approval-key-v1\\n<device id>"
                    + "\\n<challenge>\\n<public key>` (challenge and SPKI public key base64url, no padding).")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The device-bound credential from the registration", example = CREDENTIAL_EXAMPLE)
    @APIResponse(responseCode = "200", description = "The challenge",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "challenge", value = """
                    {"challenge":"q3Vt9mZ0cG9sS2xYbG9vR1lQZ3h4QmJ0V0xwT2N3RW4","expiresAt":"2026-12-07T15:25:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "An unknown, revoked or missing device credential",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid credential",
                    value = INVALID_CREDENTIAL_EXAMPLE)))
    public Uni<Response> keyChallenge(@PathParam("id") UUID id, @HeaderParam(CREDENTIAL_HEADER) String credential) {
        return approvals.keyChallenge(id, credential).map(ApprovalDeviceResource::noStore);
    }

    @PUT
    @Path("/approval-key")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace the device's approval key",
            description = "A P-256 public key (X.509 SubjectPublicKeyInfo, DER, base64url) and the proof that the app "
                    + "holds its private key: the DER ECDSA (SHA-256) signature of the key-registration string over the "
                    + "latest challenge, which is used up either way. A key that was there is replaced "
                    + "(`approval.keyRegistered` with `replaced`); a failed proof is `approval.refused` (`key_not_proven`).")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The device-bound credential from the registration", example = CREDENTIAL_EXAMPLE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "key", value = """
            {"publicKey":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEp3Rz0n6yQm5H0b3X8rV1c2k9LwYtN4sQ7aJ1fE6dP0uZ8mW2xK5vB3nC9gT4hR1jL7oS6eA0iU2yD8fG3hJ5kA","signature":"MEUCIQDq2l7mV9sP1xR4nT6bK0cY3wZ8eF5hJ2gA7uI9oL1dSQIgR3tY6vB0nM8kC2xZ5wQ9pL4jH7fD1sA3gE6uI0oK2yT"}""")))
    @APIResponse(responseCode = "200", description = "The key is registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "registered", value = """
                    {"deviceId":"0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c","registeredAt":"2026-12-07T15:21:04.000Z","replaced":false}""")))
    @APIResponse(responseCode = "400", description = "The public key is not a P-256 SPKI, or the signature is missing")
    @APIResponse(responseCode = "401", description = "An unknown, revoked or missing device credential",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid credential",
                    value = INVALID_CREDENTIAL_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "The signature does not prove the private key",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not proven",
                    value = BAD_SIGNATURE_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "No open registration challenge: ask for one first")
    public Uni<ApprovalKeyResponse> registerKey(@PathParam("id") UUID id, @HeaderParam(CREDENTIAL_HEADER) String credential,
            @Valid @NotNull RegisterKeyRequest request) {
        return approvals.registerKey(id, credential, request);
    }

    @DELETE
    @Path("/approval-key")
    @Operation(summary = "Remove the device's approval key",
            description = "The device can no longer approve sign-ins and no request goes to it (`approval.keyRemoved`). "
                    + "Signing the device out (`POST /api/v1/devices/{id}/sign-out`) also stops its key.")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The device-bound credential from the registration", example = CREDENTIAL_EXAMPLE)
    @APIResponse(responseCode = "204", description = "The key is removed")
    @APIResponse(responseCode = "401", description = "An unknown, revoked or missing device credential")
    @APIResponse(responseCode = "404", description = "The device has no approval key")
    public Uni<Response> removeKey(@PathParam("id") UUID id, @HeaderParam(CREDENTIAL_HEADER) String credential) {
        return approvals.removeKey(id, credential).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/approvals")
    @Operation(summary = "The device's pending approval requests (long poll)",
            description = "Requests sent to this device and not yet answered or expired, oldest first: where the sign-in "
                    + "comes from (IP, browser) and the challenge to sign; never the number, which the user reads on the "
                    + "web page. With `wait` (0..30 seconds) and nothing pending, the answer waits until a request "
                    + "arrives or the time is up (then an empty list).")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The device-bound credential from the registration", example = CREDENTIAL_EXAMPLE)
    @Parameter(name = "wait", in = ParameterIn.QUERY, description = "Seconds to wait for a request (0..30, default 0)",
            example = "25")
    @APIResponse(responseCode = "200", description = "The pending requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pending", value = """
                    [{"id":"5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","challenge":"Zk9tR2x1c2lYbG9vR1lQZ3h4QmJ0V0xwT2N3RW5xM1Y","clientIp":"203.0.113.24","userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15","location":null,"createdAt":"2026-12-07T15:22:00.000Z","expiresAt":"2026-12-07T15:24:00.000Z"}]""")))
    @APIResponse(responseCode = "400", description = "`wait` is not 0..30")
    @APIResponse(responseCode = "401", description = "An unknown, revoked or missing device credential",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid credential",
                    value = INVALID_CREDENTIAL_EXAMPLE)))
    public Uni<Response> pending(@PathParam("id") UUID id, @HeaderParam(CREDENTIAL_HEADER) String credential,
            @QueryParam("wait") Integer wait) {
        if (wait != null && (wait < 0 || wait > ApprovalService.MAX_WAIT_SECONDS)) {
            throw new BadRequestProblem("invalid-field", "wait must be 0..30 seconds",
                    List.of(new FieldError("wait", "must be between 0 and 30")));
        }
        return approvals.pending(id, credential, wait == null ? 0 : wait).map(ApprovalDeviceResource::noStore);
    }

    @POST
    @Path("/approvals/{requestId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or deny a sign-in",
            description = "The decision, the two digits the user read on the web page (required to approve), `notMe` "
                    + "with a deny, and the approval key's DER ECDSA (SHA-256) signature, base64url, of the UTF-8 string "
                    + "`lexguard-approval-v1\\n<request id>\\n<challenge>\\n<number>\\n<decision>` where the number is "
                    + "as sent (empty when none) and the decision is `approve`, `deny` or `deny-not-me`. A request of "
                    + "another device is 404. Refused and evented (`approval.refused`): a signature by another key "
                    + "(403), an answered (409 `approval-not-pending`) or expired (409 `approval-expired`) request, a "
                    + "wrong number (422, and the request ends). A deny ends the pending sign-in; `notMe` also requires "
                    + "a password reset (someone else knows the password). The third deny within an hour suspends phone "
                    + "approval for the user (`approval.suspended`) until a sign-in with another factor.")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true,
            description = "The device-bound credential from the registration", example = CREDENTIAL_EXAMPLE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "approve", value = """
                {"decision":"approve","number":"47","signature":"MEYCIQC7kD2pX9vR4mT1sN6bQ0cZ3wY8eH5jL2gA7uI9oK1dSgIhAKR3tY6vB0nM8kC2xZ5wQ9pL4jH7fD1sA3gE6uI0oK2y"}"""),
        @ExampleObject(name = "this wasn't me", value = """
                {"decision":"deny","notMe":true,"signature":"MEUCIF1kD2pX9vR4mT1sN6bQ0cZ3wY8eH5jL2gA7uI9oK1dAiEAqR3tY6vB0nM8kC2xZ5wQ9pL4jH7fD1sA3gE6uI0oK2yT"}""")}))
    @APIResponse(responseCode = "200", description = "The answer is recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "approved", value = """
                    {"requestId":"5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","status":"approved"}""")))
    @APIResponse(responseCode = "400", description = "A decision that is not approve or deny, an approval without two "
            + "digits, or no signature")
    @APIResponse(responseCode = "401", description = "An unknown, revoked or missing device credential")
    @APIResponse(responseCode = "403", description = "The signature is not this device's approval key's",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "bad signature",
                    value = BAD_SIGNATURE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such request for this device")
    @APIResponse(responseCode = "409", description = "The request was already answered or has expired, or the device has no key",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "already answered", value = """
                    {"type":"https://lexguard.dev/problems/approval-not-pending","title":"Conflict","status":409,"detail":"This request has already been answered","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/approvals/5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","requestId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}""")))
    @APIResponse(responseCode = "422", description = "The number is not the one on the web page; the request has ended",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong number", value = """
                    {"type":"https://lexguard.dev/problems/wrong-approval-number","title":"Business rule violated","status":422,"detail":"The number is not the one on the web page; the request has ended","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/approvals/5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","requestId":"4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a"}""")))
    public Uni<AnswerResponse> answer(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId,
            @HeaderParam(CREDENTIAL_HEADER) String credential, @Valid @NotNull AnswerRequest request) {
        return approvals.answer(id, credential, requestId, request);
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
