package dev.lexguard.identity.twofactor;

import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/two-factor")
@Tag(name = "Two-factor authentication")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TwoFactorResource {

    public static final String STEP_UP_REQUIRED_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/step-up-required","title":"Forbidden","status":403,"detail":"This needs a second factor proven within the last 10 minutes: send a TOTP code or a recovery code to POST /api/v1/auth/step-up and retry with the access token it returns","instance":"/api/v1/two-factor/policy","requestId":"1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"}""";

    static final String PROOF_EXAMPLE = """
            {"password":"tide clock harbour lantern","code":"492039"}""";
    static final String WRONG_PROOF_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/wrong-password","title":"Forbidden","status":403,"detail":"The password or the code is not correct","instance":"/api/v1/two-factor/disable","requestId":"3f1c2b7a-9e4d-4c1a-8b6f-2d5e7a9c0b1d"}""";
    static final String CODES_EXAMPLE = """
            {"recoveryCodes":["7KQM-4XRT-9HVB-2NCD","P3WZ-8JLE-5GYA-6SUF","M2RD-Q9TK-4VXH-7BNC","3HZY-6PLW-8EKS-2QJA","V5NA-2RMU-9TGD-4XKP","C8JF-3YHW-7LQE-5ZRB","6TPX-9DGS-2MKV-8NHA","Q4BR-7ZCE-3WJY-6LUF","E9KH-5NPA-8XRT-2GMD","Z7UW-4FQB-6JCS-3YVE"],"enabledAt":"2026-11-29T19:40:02.118Z"}""";

    static final String POLICY_EXAMPLE = """
            {"required":true,"graceDays":14,"requiredSince":"2026-11-29T19:45:00.000Z","groupIds":[]}""";

    private final TwoFactorService twoFactor;
    private final Caller caller;
    private final CursorCodec cursors;

    public TwoFactorResource(TwoFactorService twoFactor, Caller caller, CursorCodec cursors) {
        this.twoFactor = twoFactor;
        this.caller = caller;
        this.cursors = cursors;
    }

    @GET
    @Operation(summary = "The caller's two-factor state")
    @APIResponse(responseCode = "200", description = "Enabled, pending, recovery codes left",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enabled", value = """
                    {"enabled":true,"pending":false,"enabledAt":"2026-11-29T19:40:02.118Z","recoveryCodesRemaining":9}""")))
    public Uni<TwoFactorStatusResponse> status() {
        caller.requireUser();
        return twoFactor.status(caller.firmId(), caller.actorId()).map(TwoFactorStatusResponse::of);
    }

    @POST
    @Path("/enrolment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start enrolling an authenticator app",
            description = "A new 160-bit secret, its otpauth URI and the URI as QR codes (PNG in Base64, SVG); shown once. "
                    + "Nothing changes until the enrolment is confirmed with a code. With two-factor already on, the "
                    + "password and a current code are required, and the active secret stays in force until the new one is confirmed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "first enrolment", value = "{}"),
        @ExampleObject(name = "re-enrolment", value = PROOF_EXAMPLE)}))
    @APIResponse(responseCode = "200", description = "The new secret, pending confirmation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enrolment", value = """
                    {"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/LexGuard:Harbour%20%26%20Lane%20LLP%20%28ada%40harbourlane.example%29?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30","qrPng":"iVBORw0KGgoAAAANSUhEUgAAAUgAAAFIAQAAAAD...","qrSvg":"<svg xmlns=\\"http://www.w3.org/2000/svg\\" ...</svg>","pendingSince":"2026-11-29T19:39:40.512Z"}""")))
    @APIResponse(responseCode = "400", description = "Two-factor is on and the password or code is missing")
    @APIResponse(responseCode = "403", description = "Wrong password or code",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong", value = WRONG_PROOF_EXAMPLE)))
    public Uni<Response> enrol(@Valid ProofRequest request, @Context HttpServerRequest http) {
        caller.requireUser();
        ProofRequest proof = request == null ? new ProofRequest(null, null) : request;
        return twoFactor.enrol(caller.firmId(), caller.actorId(), caller.sessionId(), proof.password(), proof.code(),
                        ClientInfo.of(http))
                .map(enrolment -> noStore(EnrolmentResponse.of(enrolment)));
    }

    @POST
    @Path("/enrolment/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the enrolment with a code: two-factor becomes active",
            description = "Returns the ten recovery codes, once. A re-enrolment replaces the previous secret and codes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm",
            value = """
                    {"code":"492039"}""")))
    @APIResponse(responseCode = "200", description = "Active; the recovery codes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "codes", value = CODES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "The code does not match the new secret",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid code", value = """
                    {"type":"https://lexguard.dev/problems/invalid-code","title":"Bad request","status":400,"detail":"The code does not match the new secret","instance":"/api/v1/two-factor/enrolment/confirm","requestId":"1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d","errors":[{"field":"code","message":"is not the current code of the authenticator app"}]}""")))
    @APIResponse(responseCode = "409", description = "No enrolment in progress")
    public Uni<Response> confirm(@Valid @NotNull ConfirmRequest request) {
        caller.requireUser();
        return twoFactor.confirm(caller.firmId(), caller.actorId(), caller.sessionId(), request.code())
                .map(done -> noStore(new RecoveryCodesResponse(done.recoveryCodes(), done.enabledAt())));
    }

    @POST
    @Path("/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn two-factor authentication off (password and a code)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "disable",
            value = PROOF_EXAMPLE)))
    @APIResponse(responseCode = "204", description = "Off; the recovery codes are gone unless a passkey remains")
    @APIResponse(responseCode = "403", description = "Wrong password or code",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong", value = WRONG_PROOF_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Two-factor authentication is not on, or it is the last second factor "
            + "(no passkey) and the firm's policy requires one of the caller",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "policy", value = """
                    {"type":"https://lexguard.dev/problems/second-factor-required-by-policy","title":"Conflict","status":409,"detail":"The firm requires two-factor authentication of you: add a passkey before turning the authenticator app off","instance":"/api/v1/two-factor/disable","requestId":"5d2e8f1a-3b4c-4d6e-9f0a-1b2c3d4e5f6a"}""")))
    public Uni<Response> disable(@Valid @NotNull ProofRequest request, @Context HttpServerRequest http) {
        caller.requireUser();
        return twoFactor.disable(caller.firmId(), caller.actorId(), caller.sessionId(), request.password(), request.code(),
                ClientInfo.of(http)).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/recovery-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "New recovery codes (password and a code); the previous set stops working",
            description = "A user whose only second factor is a passkey gives the password and either a recovery code or "
                    + "no code after a passkey step-up in the last 10 minutes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "regenerate",
            value = PROOF_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new codes, shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "codes", value = CODES_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Wrong password or code, or (passkey only, no code) no fresh step-up",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong", value = WRONG_PROOF_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "No second factor (neither TOTP nor a passkey)")
    public Uni<Response> regenerate(@Valid @NotNull ProofRequest request, @Context HttpServerRequest http) {
        caller.requireUser();
        return twoFactor.regenerateRecoveryCodes(caller.firmId(), caller.actorId(), caller.sessionId(), request.password(),
                        request.code(), ClientInfo.of(http), caller::requireFreshSecondFactor)
                .map(shown -> noStore(new RecoveryCodesResponse(shown, null)));
    }

    @POST
    @Path("/users/{userId}/reset")
    @Operation(summary = "Reset another user's two-factor authentication (administrators who have it on)",
            description = "The user's authenticator app and recovery codes stop working; they must enrol again. Only the "
                    + "owner can reset the owner's. Another firm's user, or an unknown one: 404.")
    @APIResponse(responseCode = "204", description = "Reset")
    @APIResponse(responseCode = "403", description = "Not an administrator, no two-factor for the administrator, the owner, "
            + "or no second factor proved in the last 10 minutes (step up at POST /api/v1/auth/step-up)",
            content = @Content(mediaType = "application/problem+json", examples = {
                @ExampleObject(name = "step-up required", value = STEP_UP_REQUIRED_EXAMPLE),
                @ExampleObject(name = "no 2FA", value = """
                    {"type":"https://lexguard.dev/problems/two-factor-required","title":"Forbidden","status":403,"detail":"Turn on two-factor authentication for yourself before resetting another user's","instance":"/api/v1/two-factor/users/0b6e3f1a-5c2d-4e8f-9a7b-1c3d5e7f9a2b/reset","requestId":"8e9f0a1b-2c3d-4e5f-8a6b-7c8d9e0f1a2b"}""")}))
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    @APIResponse(responseCode = "409", description = "The user has no two-factor authentication")
    public Uni<Response> reset(@PathParam("userId") UUID userId) {
        caller.requirePermission("administrator");
        caller.requireFreshSecondFactor();
        return twoFactor.resetByAdministrator(caller.firmId(), caller.actorId(), caller.sessionId(), userId)
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/users")
    @Operation(summary = "Every user's two-factor state (administrators)",
            description = "In email order, with cursor paging (`limit` 1..200, default 50). States: `enabled`, `pending` "
                    + "(enrolment started, not confirmed), `overdue` (the firm requires it and the grace period is over), "
                    + "`not_enrolled`.")
    @APIResponse(responseCode = "200", description = "A page of users", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","email":"ada@harbourlane.example","displayName":"Ada Okafor","state":"enabled","enabledAt":"2026-11-29T19:40:02.118Z","methods":["totp","passkey"]},{"userId":"0b6e3f1a-5c2d-4e8f-9a7b-1c3d5e7f9a2b","email":"ben@harbourlane.example","displayName":"Ben Lane","state":"overdue","methods":[]}],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Page<UserTwoFactorStatus>> users(@Valid @BeanParam PageRequest page) {
        caller.requirePermission("administrator");
        UUID firmId = caller.firmId();
        String after = cursors.position(firmId, page).map(position -> position.get("email")).orElse(null);
        return twoFactor.statusPage(firmId, after, page.limit() + 1)
                .map(rows -> cursors.page(firmId, rows, page.limit(), row -> Map.of("email", row.email())));
    }

    @GET
    @Path("/policy")
    @Operation(summary = "The firm's two-factor policy (administrators)")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "required", value = POLICY_EXAMPLE)))
    public Uni<PolicyResponse> policy() {
        caller.requirePermission("administrator");
        return twoFactor.policy(caller.firmId()).map(PolicyResponse::of);
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Require two-factor authentication of every user, or of chosen groups, with a grace period (administrators)",
            description = "Past the grace period (counted from when the rule became required, or from the user's creation), "
                    + "a user without two-factor who signs in gets `two_factor_enrollment_required` and an enrolment-only token. "
                    + "With `groupIds`, only members of those groups (as permissions-service announces them) are held to it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "require", value = """
                {"required":true,"graceDays":14}"""),
        @ExampleObject(name = "require of chosen groups", value = """
                {"required":true,"graceDays":7,"groupIds":["4b8e2f1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b"]}""")}))
    @APIResponse(responseCode = "200", description = "The policy now", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "required", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing field, or grace days outside 0..365")
    @APIResponse(responseCode = "403", description = "Not an administrator, or no second factor proved in the last 10 minutes "
            + "(step up at POST /api/v1/auth/step-up)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = STEP_UP_REQUIRED_EXAMPLE)))
    public Uni<PolicyResponse> setPolicy(@Valid @NotNull PolicyRequest request) {
        caller.requirePermission("administrator");
        caller.requireFreshSecondFactor();
        return twoFactor.setPolicy(caller.firmId(), caller.actorId(), request.required(), request.graceDays(),
                        request.groupIds())
                .map(PolicyResponse::of);
    }

    @POST
    @Path("/enrolment-token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the enrolment the firm requires, with the enrolment-only token",
            description = "The token comes from a sign-in answered `two_factor_enrollment_required`; it allows nothing but this "
                    + "and its confirmation, for 15 minutes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enrol",
            value = """
                    {"enrollmentToken":"lge_pZ4tR9mW2xK7qL0vN5cB8yH3jD6fG1sA0eU4iO7wQ2E"}""")))
    @APIResponse(responseCode = "200", description = "The new secret, pending confirmation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enrolment", value = """
                    {"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/LexGuard:Harbour%20%26%20Lane%20LLP%20%28ada%40harbourlane.example%29?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30","qrPng":"iVBORw0KGgoAAAANSUhEUgAAAUgAAAFIAQAAAAD...","qrSvg":"<svg xmlns=\"http://www.w3.org/2000/svg\" ...</svg>","pendingSince":"2026-11-29T19:39:40.512Z"}""")))
    @APIResponse(responseCode = "401", description = "Unknown, expired or used token")
    public Uni<Response> enrolWithToken(@Valid @NotNull EnrolmentTokenRequest request) {
        return twoFactor.enrolWithToken(request.enrollmentToken()).map(enrolment -> noStore(EnrolmentResponse.of(enrolment)));
    }

    @POST
    @Path("/enrolment-token/confirm")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the required enrolment: signed in, with the recovery codes once",
            description = "Uses the enrolment token up and answers `authenticated` (amr pwd, otp) with `recoveryCodes`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm",
            value = """
                    {"enrollmentToken":"lge_pZ4tR9mW2xK7qL0vN5cB8yH3jD6fG1sA0eU4iO7wQ2E","code":"492039"}""")))
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "authenticated", value = """
                    {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkZW50aXR5LmxleGd1YXJkLmRldiJ9.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","sessionExpiresAt":"2026-12-29T19:02:11.120Z","recoveryCodes":["7KQM-4XRT-9HVB-2NCD","P3WZ-8JLE-5GYA-6SUF","M2RD-Q9TK-4VXH-7BNC","3HZY-6PLW-8EKS-2QJA","V5NA-2RMU-9TGD-4XKP","C8JF-3YHW-7LQE-5ZRB","6TPX-9DGS-2MKV-8NHA","Q4BR-7ZCE-3WJY-6LUF","E9KH-5NPA-8XRT-2GMD","Z7UW-4FQB-6JCS-3YVE"]}""")))
    @APIResponse(responseCode = "400", description = "The code does not match the new secret")
    @APIResponse(responseCode = "401", description = "Unknown, expired or used token")
    @APIResponse(responseCode = "409", description = "No enrolment started with this token")
    public Uni<Response> confirmWithToken(@Valid @NotNull EnrolmentTokenRequest request, @Context HttpServerRequest http) {
        return twoFactor.confirmWithToken(request.enrollmentToken(), request.requireCode(), ClientInfo.of(http))
                .map(done -> noStore(LoginResponse.enrolled(done.tokens(), done.confirmation().recoveryCodes())));
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
