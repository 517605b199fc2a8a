package dev.lexguard.identity.approvals;

import dev.lexguard.identity.sessions.ClientInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
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

/** The web page's side of phone approval: after the password, ask the phone, then collect the tokens. */
@Path("/api/v1/auth/login/approval")
@Tag(name = "Phone approval")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class ApprovalSignInResource {

    private final ApprovalService approvals;

    public ApprovalSignInResource(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @POST
    @Operation(summary = "Approve on my phone: send the sign-in to the user's registered device",
            description = "With the challenge token of the password step. The request goes to the user's most recently "
                    + "keyed active device, expires in 2 minutes and is `approval.requested` for a push gateway (request, "
                    + "user, device, expiry, the sign-in's IP and browser; never the number). The answer carries the "
                    + "two-digit number to show on the page: the user types or picks it on the phone. At most 3 open "
                    + "requests per user (429); after 3 denials within an hour phone approval is suspended (403 "
                    + "`approval-suspended`) until a sign-in with a code, a recovery code or a passkey. The challenge "
                    + "token stays usable for the other factors.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "start", value = """
            {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE"}""")))
    @APIResponse(responseCode = "200", description = "The request is on its way to the phone",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sent", value = """
                    {"requestId":"5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","number":"47","deviceId":"0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c","deviceName":"Ada's iPhone","expiresAt":"2026-12-07T15:24:00.000Z"}""")))
    @APIResponse(responseCode = "400", description = "No challenge token")
    @APIResponse(responseCode = "401", description = "The challenge token is unknown, used or expired")
    @APIResponse(responseCode = "403", description = "Phone approval is suspended for the user",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "suspended", value = """
                    {"type":"https://lexguard.dev/problems/approval-suspended","title":"Forbidden","status":403,"detail":"Approval on your phone is suspended after repeated denials; sign in with your code, a recovery code or a passkey to turn it back on","instance":"/api/v1/auth/login/approval","requestId":"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"}""")))
    @APIResponse(responseCode = "409", description = "The user has no active device with an approval key")
    @APIResponse(responseCode = "429", description = "Three requests are already waiting: wait Retry-After seconds",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "too many", value = """
                    {"type":"https://lexguard.dev/problems/too-many-requests","title":"Too many requests","status":429,"detail":"Too many approval requests are waiting","instance":"/api/v1/auth/login/approval","requestId":"6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"}""")))
    public Uni<Response> start(@Valid @NotNull StartApprovalRequest request, @Context HttpServerRequest http) {
        return approvals.start(request, ClientInfo.of(http))
                .map(started -> Response.ok(started).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/complete")
    @Operation(summary = "Collect the tokens once the phone approved",
            description = "Poll every few seconds with the challenge token and the request id. 202 while the phone has "
                    + "not answered; once it approved, the sign-in completes as two-factor: `authenticated` with amr "
                    + "`[pwd, swk, mfa]` (a software-held key on the registered device, and multi-factor), and the "
                    + "session names the device that approved (`session.started` `approvedBy`). Denied on the phone: "
                    + "401 `approval-denied` and the sign-in has ended. Expired or refused (a wrong number): 409; ask "
                    + "again or use another factor with the same challenge token.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "complete", value = """
            {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","requestId":"5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f"}""")))
    @APIResponse(responseCode = "200", description = "Approved: signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "authenticated", value = """
                    {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhbXIiOlsicHdkIiwic3drIiwibWZhIl19.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_8Hk2-Zq4mN7pXv1cR9sL0bT6yW3eA5uJdFgKiOoPlQw","sessionId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","sessionExpiresAt":"2026-12-08T03:22:10.000Z"}""")))
    @APIResponse(responseCode = "202", description = "The phone has not answered yet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pending", value = """
                    {"requestId":"5b1f0c3e-2d4a-4e6b-9c8d-7a6b5c4d3e2f","status":"pending","expiresAt":"2026-12-07T15:24:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "Denied on the phone, or the challenge token is unknown, used or expired",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "denied", value = """
                    {"type":"https://lexguard.dev/problems/approval-denied","title":"Sign-in denied","status":401,"detail":"The sign-in was denied on your phone","instance":"/api/v1/auth/login/approval/complete","requestId":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}""")))
    @APIResponse(responseCode = "404", description = "No such request for this sign-in")
    @APIResponse(responseCode = "409", description = "The request expired or its answer was refused")
    public Uni<Response> complete(@Valid @NotNull CompleteApprovalRequest request, @Context HttpServerRequest http) {
        return approvals.complete(request, ClientInfo.of(http)).map(completion -> completion.signedIn() != null
                ? Response.ok(completion.signedIn()).header("Cache-Control", "no-store").build()
                : Response.accepted(completion.pending()).header("Cache-Control", "no-store").build());
    }
}
