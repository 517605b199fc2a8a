package dev.lexguard.identity.portal;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.passwords.CompleteResetRequest;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.identity.signin.RefreshRequest;
import dev.lexguard.identity.signin.TwoFactorLoginRequest;
import dev.lexguard.identity.twofactor.ConfirmRequest;
import dev.lexguard.identity.twofactor.EnrolmentResponse;
import dev.lexguard.identity.twofactor.EnrolmentTokenRequest;
import dev.lexguard.identity.twofactor.ProofRequest;
import dev.lexguard.identity.twofactor.RecoveryCodesResponse;
import dev.lexguard.identity.users.AcceptInvitationRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The client portal's sign-in: invitation, password, optional TOTP, tokens with the audience
 * {@code lexguard-portal} (accepted by sharing-service's portal API only). Endpoints that need a signed-in contact
 * read the portal token themselves ({@link PortalTokenVerifier}); a firm user's token is refused there.
 */
@Path("/api/v1/portal-auth")
@Tag(name = "Portal sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class PortalAuthResource {

    static final String AUTHENTICATED_EXAMPLE = """
            {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJsZXhndWFyZC1wb3J0YWwifQ.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgpr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"5c1f9e2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b","sessionExpiresAt":"2026-11-30T07:02:11.120Z"}""";
    static final String INVITATION_TOKEN = "lgpi_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk";

    private final PortalAccountService accounts;
    private final PortalSignInService signIn;
    private final PortalSessionService sessions;
    private final PortalTokenVerifier tokens;
    private final PortalPasswordResetService resets;

    public PortalAuthResource(PortalAccountService accounts, PortalSignInService signIn, PortalSessionService sessions,
            PortalTokenVerifier tokens, PortalPasswordResetService resets) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.sessions = sessions;
        this.tokens = tokens;
        this.resets = resets;
    }

    @GET
    @Path("/invitations/{token}")
    @Operation(summary = "Show a portal invitation", description = "For the portal's accept page. Unknown, used, "
            + "superseded and expired tokens all answer 404.")
    @APIResponse(responseCode = "200", description = "The invitation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "invitation", value = """
                    {"email":"casey@client.example","name":"Casey Client","firmName":"Harbour & Lane LLP","expiresAt":"2026-12-07T10:00:00.000Z"}""")))
    @APIResponse(responseCode = "404", description = "Unknown, used, superseded or expired")
    public Uni<PortalInvitationResponse> invitation(@PathParam("token") String token) {
        return accounts.describeInvitation(token).map(PortalInvitationResponse::of);
    }

    @POST
    @Path("/invitations/{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept a portal invitation and set the password",
            description = "Single use. The password rules are those of firm users (12 to 256 characters, not common, "
                    + "not built from the email or name). The contact can then sign in.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accept",
            value = """
                    {"password":"amber kettle north meadow"}""")))
    @APIResponse(responseCode = "200", description = "The now active account", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "activated", value = PortalAccountResource.ACCOUNT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Weak password")
    @APIResponse(responseCode = "404", description = "Unknown, used, superseded or expired")
    public Uni<PortalAccountResponse> accept(@PathParam("token") String token,
            @Valid @NotNull AcceptInvitationRequest request) {
        return accounts.acceptInvitation(token, request.password()).map(PortalAccountResponse::of);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in to a firm's client portal",
            description = "Answers `authenticated` with a portal access token (audience `lexguard-portal`, 10 minutes) and "
                    + "a refresh token, or `two_factor_required` with a 5-minute challenge when the contact turned TOTP on. "
                    + "Unknown email, wrong password, not yet activated and disabled accounts all answer the same 401; "
                    + "failures are throttled like firm users' (429 + Retry-After).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sign-in",
            value = """
                    {"firmId":"0b6f4c1e-2d3a-4f5b-8c7d-9e0f1a2b3c4d","email":"casey@client.example","password":"amber kettle north meadow"}""")))
    @APIResponse(responseCode = "200", description = "Signed in, or the second factor is needed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                @ExampleObject(name = "authenticated", value = AUTHENTICATED_EXAMPLE),
                @ExampleObject(name = "two_factor_required", value = """
                        {"status":"two_factor_required","challengeToken":"lgpc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","expiresAt":"2026-11-29T19:07:11.120Z"}""")}))
    @APIResponse(responseCode = "401", description = "Wrong email or password (never says which)")
    @APIResponse(responseCode = "429", description = "Too many failures: wait Retry-After seconds")
    public Uni<Response> login(@Valid @NotNull PortalLoginRequest request, @Context HttpServerRequest http) {
        return signIn.login(request.firmId(), request.email(), request.password(), ClientInfo.of(http))
                .map(PortalAuthResource::noStore);
    }

    @POST
    @Path("/password-resets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a client portal password reset",
            description = "Always 202 with no body, whether or not the firm has an active portal account of this address "
                    + "(invited contacts use their invitation; disabled ones get nothing). For an active account it starts a "
                    + "single-use, 30-minute reset and publishes `dev.lexguard.identity.portal.passwordResetRequested` with the "
                    + "reset id (never the link); the firm's mailer fetches the one-time link and mails it. More than 3 "
                    + "requests for one address or 20 from one client network within an hour answer 429 + Retry-After, "
                    + "known address or not.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "request",
            value = """
                    {"firmId":"0b6f4c1e-2d3a-4f5b-8c7d-9e0f1a2b3c4d","email":"casey@client.example"}""")))
    @APIResponse(responseCode = "202", description = "Accepted (says nothing about the account)")
    @APIResponse(responseCode = "400", description = "Not an email address, or no firm id")
    @APIResponse(responseCode = "429", description = "Too many requests for this address or from this network",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "throttled", value = """
                    {"type":"https://lexguard.dev/problems/too-many-requests","title":"Too many requests","status":429,"detail":"Too many password reset requests; retry later","instance":"/api/v1/portal-auth/password-resets","requestId":"4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"}""")))
    public Uni<Response> requestReset(@Valid @NotNull PortalResetRequest request, @Context HttpServerRequest http) {
        return resets.requestReset(request.firmId(), request.email(), ClientInfo.of(http))
                .map(ignored -> Response.accepted().build());
    }

    @POST
    @Path("/password-resets/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new client portal password with a reset token",
            description = "Single use; the token travels in the body, never in a path. The password rules are those of "
                    + "firm users. A contact with two-factor authentication must also give a code: a reset never bypasses "
                    + "the second factor. Every portal session of the contact ends (`portal.sessionEnded`, reason "
                    + "`password_reset`), then `dev.lexguard.identity.portal.passwordReset`. After a \"not me\" this is "
                    + "the only way back in.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "complete",
            value = """
                    {"token":"lgpp_x8Jd0Kq1VZrN2mWcA4bT7yHs3LuE6fGpQi9oRkXw5Dn","newPassword":"copper lantern winter tide"}""")))
    @APIResponse(responseCode = "204", description = "The password is set; sign in with it")
    @APIResponse(responseCode = "400", description = "Invalid, used or expired token; weak password; code required",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid token", value = """
                    {"type":"https://lexguard.dev/problems/invalid-reset-token","title":"Bad request","status":400,"detail":"The reset link is not valid, has been used or has expired","instance":"/api/v1/portal-auth/password-resets/complete","requestId":"4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a","errors":[{"field":"token","message":"is not a valid reset token"}]}""")))
    @APIResponse(responseCode = "403", description = "Wrong second-factor code")
    @APIResponse(responseCode = "429", description = "Too many wrong codes: wait Retry-After seconds")
    public Uni<Response> completeReset(@Valid @NotNull CompleteResetRequest request, @Context HttpServerRequest http) {
        return resets.completeReset(request.token(), request.newPassword(), request.code(), ClientInfo.of(http))
                .map(ended -> Response.noContent().build());
    }

    @POST
    @Path("/login/two-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Second portal sign-in step: a TOTP code or a recovery code",
            description = "As for firm users: one time step of tolerance, each code accepted once, recovery codes single "
                    + "use, five wrong codes use the challenge up.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "totp",
            value = """
                    {"challengeToken":"lgpc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","code":"492039"}""")))
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "authenticated", value = AUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Neither or both of code and recoveryCode")
    @APIResponse(responseCode = "401", description = "Wrong or replayed code; or an unknown, expired, used or burnt challenge")
    public Uni<Response> loginTwoFactor(@Valid @NotNull TwoFactorLoginRequest request, @Context HttpServerRequest http) {
        return signIn.completeTwoFactor(request.challengeToken(), request.code(), request.recoveryCode(),
                ClientInfo.of(http)).map(PortalAuthResource::noStore);
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a portal refresh token for new tokens",
            description = "Refresh tokens rotate; a token that was already used ends its whole session.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "refresh",
            value = """
                    {"refreshToken":"lgpr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk"}""")))
    @APIResponse(responseCode = "200", description = "New tokens", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "refreshed", value = AUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Unknown, expired or reused refresh token, an ended session or a disabled account")
    public Uni<Response> refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(refreshed -> {
            if (refreshed == null) {
                throw AuthenticationProblem.invalidRefreshToken();
            }
            return noStore(LoginResponse.authenticated(refreshed));
        });
    }

    @POST
    @Path("/logout")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Sign out of the portal", description = "Ends the session of the portal access token.")
    @APIResponse(responseCode = "204", description = "The session has ended")
    @APIResponse(responseCode = "401", description = "No valid portal token, or the session had already ended")
    public Uni<Response> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return sessions.logout(tokens.verify(authorization)).map(ended -> {
            if (!ended) {
                throw AuthenticationProblem.sessionEnded();
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/me")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "The signed-in contact's portal account")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "me", value = PortalAccountResource.ACCOUNT_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No valid portal token (a firm user's token is not one), or the session ended")
    public Uni<PortalAccountResponse> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        PortalTokenVerifier.PortalCaller caller = tokens.verify(authorization);
        return Panache.withSession(() -> sessions.openAccount(caller))
                .chain(account -> {
                    if (account == null) {
                        throw AuthenticationProblem.sessionEnded();
                    }
                    return accounts.show(caller.firmId(), caller.accountId());
                })
                .map(PortalAccountResponse::of);
    }

    @POST
    @Path("/two-factor/enrolment")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Start a TOTP enrolment (or replace the authenticator)",
            description = "A new secret, pending until confirmed, as base32, otpauth URI and QR codes, shown once. Replacing "
                    + "an active factor needs the password and a current code; the old one works until the new is confirmed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "first enrolment",
            value = "{}")))
    @APIResponse(responseCode = "200", description = "The new secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "enrolment", value = """
                    {"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/Harbour%20%26%20Lane%20LLP%20portal:casey%40client.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30","qrPng":"iVBORw0KGgo=","qrSvg":"<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>","pendingSince":"2026-11-30T10:00:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "No valid portal token, or the session ended")
    @APIResponse(responseCode = "403", description = "Wrong password or code when replacing an active factor")
    public Uni<Response> enrol(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid ProofRequest request, @Context HttpServerRequest http) {
        PortalTokenVerifier.PortalCaller caller = tokens.verify(authorization);
        ProofRequest proof = request == null ? new ProofRequest(null, null) : request;
        return signIn.enrol(caller, proof.password(), proof.code(), ClientInfo.of(http))
                .map(enrolment -> noStore(EnrolmentResponse.of(enrolment)));
    }

    @POST
    @Path("/two-factor/enrolment/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Confirm the TOTP enrolment with a current code",
            description = "Turns the factor on and answers ten single-use recovery codes, shown once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm",
            value = """
                    {"code":"492039"}""")))
    @APIResponse(responseCode = "200", description = "On, with recovery codes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "confirmed", value = """
                    {"recoveryCodes":["7KQM-4XRT-9HVB-2NCD","Q2WE-8RTY-3UPA-6SDF"],"enabledAt":"2026-11-30T10:01:00.000Z"}""")))
    @APIResponse(responseCode = "400", description = "The code does not match the new secret")
    @APIResponse(responseCode = "401", description = "No valid portal token, or the session ended")
    @APIResponse(responseCode = "409", description = "No enrolment to confirm")
    public Uni<Response> confirm(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid @NotNull ConfirmRequest request) {
        return signIn.confirm(tokens.verify(authorization), request.code())
                .map(confirmed -> noStore(new RecoveryCodesResponse(confirmed.recoveryCodes(), confirmed.enabledAt())));
    }

    @POST
    @Path("/two-factor/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearerAuth")
    @Operation(summary = "Turn the contact's TOTP off", description = "Needs the password and a current code (or a recovery code).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "disable",
            value = """
                    {"password":"amber kettle north meadow","code":"492039"}""")))
    @APIResponse(responseCode = "204", description = "Off; recovery codes gone")
    @APIResponse(responseCode = "400", description = "Password or code missing")
    @APIResponse(responseCode = "401", description = "No valid portal token, or the session ended")
    @APIResponse(responseCode = "403", description = "Wrong password or code")
    @APIResponse(responseCode = "409", description = "Two-factor authentication is not on")
    public Uni<Response> disable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid @NotNull ProofRequest request, @Context HttpServerRequest http) {
        return signIn.disableTwoFactor(tokens.verify(authorization), request.password(), request.code(),
                ClientInfo.of(http)).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/two-factor/enrolment-token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the new enrolment a \"not me\" requires, with the enrolment-only token",
            description = "The token comes from a portal sign-in answered `two_factor_enrollment_required` (the password and "
                    + "the old factor were right, and a session of the contact was reported as not theirs); it allows "
                    + "nothing but this and its confirmation, for 15 minutes. The old factor works until the new one is confirmed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enrol",
            value = """
                    {"enrollmentToken":"lgpe_pZ4tR9mW2xK7qL0vN5cB8yH3jD6fG1sA0eU4iO7wQ2E"}""")))
    @APIResponse(responseCode = "200", description = "The new secret, pending confirmation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "enrolment", value = """
                    {"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/Harbour%20%26%20Lane%20LLP%20portal:casey%40client.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30","qrPng":"iVBORw0KGgo=","qrSvg":"<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>","pendingSince":"2026-11-30T10:00:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "Unknown, expired or used token")
    public Uni<Response> enrolWithToken(@Valid @NotNull EnrolmentTokenRequest request) {
        return signIn.enrolWithToken(request.enrollmentToken()).map(enrolment -> noStore(EnrolmentResponse.of(enrolment)));
    }

    @POST
    @Path("/two-factor/enrolment-token/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the required enrolment: signed in, with the new recovery codes once",
            description = "Uses the enrolment token up, replaces the old factor and its recovery codes, and answers "
                    + "`authenticated` (amr pwd, otp) with `recoveryCodes`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm",
            value = """
                    {"enrollmentToken":"lgpe_pZ4tR9mW2xK7qL0vN5cB8yH3jD6fG1sA0eU4iO7wQ2E","code":"492039"}""")))
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "authenticated", value = """
                    {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJsZXhndWFyZC1wb3J0YWwifQ.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgpr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"5c1f9e2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b","sessionExpiresAt":"2026-11-30T07:02:11.120Z","recoveryCodes":["7KQM-4XRT-9HVB-2NCD","Q2WE-8RTY-3UPA-6SDF"]}""")))
    @APIResponse(responseCode = "400", description = "No code, or it does not match the new secret")
    @APIResponse(responseCode = "401", description = "Unknown, expired or used token")
    @APIResponse(responseCode = "409", description = "No enrolment started with this token")
    public Uni<Response> confirmWithToken(@Valid @NotNull EnrolmentTokenRequest request, @Context HttpServerRequest http) {
        return signIn.confirmWithToken(request.enrollmentToken(), request.requireCode(), ClientInfo.of(http))
                .map(done -> noStore(LoginResponse.enrolled(done.tokens(), done.confirmation().recoveryCodes())));
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
