package dev.lexguard.identity.signin;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.devices.DeviceLock;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionService;
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

@Path("/api/v1/auth")
@Tag(name = "Sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String AUTHENTICATED_EXAMPLE = """
            {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkZW50aXR5LmxleGd1YXJkLmRldiJ9.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","sessionExpiresAt":"2026-12-29T19:02:11.120Z"}""";
    static final String INVALID_CREDENTIALS_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/invalid-credentials","title":"Invalid credentials","status":401,"detail":"The email address or password is not correct","instance":"/api/v1/auth/login","requestId":"0e6c8b1e-7a51-4a39-8a4e-3f2b1c0d9e8f"}""";
    static final String THROTTLED_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/too-many-requests","title":"Too many requests","status":429,"detail":"Too many failed sign-ins; retry later","instance":"/api/v1/auth/login","requestId":"5b7e2c3d-1f4a-4b6c-8d9e-0a1b2c3d4e5f"}""";

    static final String PASSKEY_OPTIONS_EXAMPLE = """
            {"challenge":"Xk3v9Qm2Lr8Tz5Wn1Bp7Hy4Jd6Fs0Ga2Ce9Ku3Mo5Ri","timeout":300000,"rpId":"app.lexguard.dev","allowCredentials":[{"type":"public-key","id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","transports":["internal","hybrid"]}],"userVerification":"required"}""";

    private final LoginService logins;
    private final SessionService sessions;
    private final StepUpService stepUps;
    private final Caller caller;

    public AuthResource(LoginService logins, SessionService sessions, StepUpService stepUps, Caller caller) {
        this.logins = logins;
        this.sessions = sessions;
        this.stepUps = stepUps;
        this.caller = caller;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with email and password",
            description = "Answers `authenticated` with an access token (RS256 JWT, 10 minutes) and a refresh token, "
                    + "or, for a user with a second factor, `two_factor_required` with a single-use 5-minute challenge token "
                    + "(never tokens); `two_factor_enrollment_required` comes with the firm's two-factor policy. "
                    + "An unknown email, a wrong password and a deactivated account all answer the same 401 in the same time. "
                    + "Repeated failures per account and per client IP are delayed, then locked for a while (429 + Retry-After).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sign-in",
            value = """
                    {"email":"ada@harbourlane.example","password":"tide clock harbour lantern"}""")))
    @APIResponse(responseCode = "200", description = "Signed in, or the second factor is needed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                @ExampleObject(name = "authenticated", value = AUTHENTICATED_EXAMPLE),
                @ExampleObject(name = "two_factor_required", value = """
                        {"status":"two_factor_required","challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","expiresAt":"2026-11-29T19:07:11.120Z"}""")}))
    @APIResponse(responseCode = "401", description = "Wrong email or password (never says which)",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "invalid credentials", value = INVALID_CREDENTIALS_EXAMPLE)))
    @APIResponse(responseCode = "429", description = "Too many failures: wait Retry-After seconds",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "throttled", value = THROTTLED_EXAMPLE)))
    public Uni<Response> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return logins.login(request, ClientInfo.of(http)).map(AuthResource::noStore);
    }

    @POST
    @Path("/login/two-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Second sign-in step: a TOTP code or a recovery code",
            description = "Takes the challenge token of `two_factor_required` and either `code` (TOTP, one time step of "
                    + "tolerance either way, each code accepted once) or `recoveryCode` (single use). The answer is "
                    + "`authenticated` with amr `[pwd, otp]` or `[pwd, rec]`; after a recovery code, `recoveryCodesRemaining` "
                    + "appears when 3 or fewer are left. Five wrong codes use the challenge up.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "totp", value = """
                {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","code":"492039"}"""),
        @ExampleObject(name = "recovery code", value = """
                {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","recoveryCode":"7KQM-4XRT-9HVB-2NCD"}""")}))
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                @ExampleObject(name = "authenticated", value = AUTHENTICATED_EXAMPLE),
                @ExampleObject(name = "with few recovery codes left", value = """
                        {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkZW50aXR5LmxleGd1YXJkLmRldiJ9.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","sessionExpiresAt":"2026-12-29T19:02:11.120Z","recoveryCodesRemaining":2}""")}))
    @APIResponse(responseCode = "400", description = "Neither or both of code and recoveryCode")
    @APIResponse(responseCode = "401", description = "Wrong or replayed code; or an unknown, expired, used or burnt challenge",
            content = @Content(mediaType = "application/problem+json", examples = {
                @ExampleObject(name = "wrong code", value = """
                        {"type":"https://lexguard.dev/problems/invalid-second-factor","title":"Invalid code","status":401,"detail":"The code is not correct","instance":"/api/v1/auth/login/two-factor","requestId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}"""),
                @ExampleObject(name = "challenge gone", value = """
                        {"type":"https://lexguard.dev/problems/invalid-challenge","title":"Invalid challenge","status":401,"detail":"The sign-in challenge is not valid, has expired or was used up; sign in again","instance":"/api/v1/auth/login/two-factor","requestId":"4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a"}""")}))
    public Uni<Response> loginTwoFactor(@Valid @NotNull TwoFactorLoginRequest request, @Context HttpServerRequest http) {
        return logins.completeTwoFactor(request, ClientInfo.of(http)).map(AuthResource::noStore);
    }

    @POST
    @Path("/login/passkey-options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Second sign-in step with a passkey: the request options",
            description = "Takes the challenge token of `two_factor_required` and answers PublicKeyCredentialRequestOptions "
                    + "as JSON (binary values base64url) for navigator.credentials.get(): a single-use challenge bound to "
                    + "this sign-in, valid 5 minutes, the user's passkeys as allowCredentials, user verification required.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "options",
            value = """
                    {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE"}""")))
    @APIResponse(responseCode = "200", description = "The request options",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "options",
                    value = PASSKEY_OPTIONS_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "An unknown, expired, used or burnt challenge",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "challenge gone",
                    value = """
                            {"type":"https://lexguard.dev/problems/invalid-challenge","title":"Invalid challenge","status":401,"detail":"The sign-in challenge is not valid, has expired or was used up; sign in again","instance":"/api/v1/auth/login/passkey-options","requestId":"4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a"}""")))
    @APIResponse(responseCode = "409", description = "The user has no passkey",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "no passkey",
                    value = """
                            {"type":"https://lexguard.dev/problems/passkey-not-registered","title":"Conflict","status":409,"detail":"There is no passkey to sign in with: use the authenticator app or a recovery code","instance":"/api/v1/auth/login/passkey-options","requestId":"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"}""")))
    public Uni<Response> loginPasskeyOptions(@Valid @NotNull PasskeyOptionsRequest request) {
        return logins.passkeyOptions(request.challengeToken()).map(AuthResource::noStore);
    }

    @POST
    @Path("/login/passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Second sign-in step with a passkey",
            description = "Takes the challenge token and the browser's assertion (PublicKeyCredential.toJSON()) for the "
                    + "options of `/login/passkey-options`. webauthn4j verifies challenge, origin, rp id hash, user "
                    + "presence and verification, the signature and the sign count. The answer is `authenticated` with "
                    + "amr `[pwd, hwk]`. A refused assertion counts like a wrong code (five use the challenge up) and "
                    + "answers one 401 whatever the cause (bad signature, unknown credential, another user's or firm's "
                    + "credential, counter regression); each is a `passkey.rejected` event, and a counter that did not "
                    + "grow marks the passkey suspect.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "assertion",
            value = """
                    {"challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","credential":{"id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","rawId":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiLi4uIn0","authenticatorData":"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAABw","signature":"MEUCIQDx...","userHandle":"q9Hc2xW4mV0bR7tY1uI3oP5aS8dF6gJ2kL4zX7cV9bN"},"clientExtensionResults":{}}}""")))
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "authenticated",
                    value = AUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No challenge token or no credential")
    @APIResponse(responseCode = "401", description = "The passkey could not be verified, or the challenge is gone",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid passkey",
                    value = """
                            {"type":"https://lexguard.dev/problems/invalid-passkey","title":"Invalid passkey","status":401,"detail":"The passkey could not be verified","instance":"/api/v1/auth/login/passkey","requestId":"6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"}""")))
    public Uni<Response> loginPasskey(@Valid @NotNull PasskeyLoginRequest request, @Context HttpServerRequest http) {
        return logins.completeWithPasskey(request, ClientInfo.of(http)).map(AuthResource::noStore);
    }

    @POST
    @Path("/passkey-options")
    @Operation(summary = "Passwordless sign-in with a passkey: the request options",
            description = "PublicKeyCredentialRequestOptions as JSON with no allowCredentials (the browser offers the "
                    + "discoverable passkeys it holds for this site), a single-use challenge valid 5 minutes and user "
                    + "verification required. Only users of firms that allow passwordless sign-in "
                    + "(`PUT /api/v1/passkeys/policy`) can complete it.")
    @APIResponse(responseCode = "200", description = "The request options",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "options", value = """
                    {"challenge":"Xk3v9Qm2Lr8Tz5Wn1Bp7Hy4Jd6Fs0Ga2Ce9Ku3Mo5Ri","timeout":300000,"rpId":"app.lexguard.dev","allowCredentials":[],"userVerification":"required"}""")))
    public Uni<Response> passwordlessOptions() {
        return logins.passwordlessOptions().map(AuthResource::noStore);
    }

    @POST
    @Path("/passkey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Passwordless sign-in with a discoverable passkey",
            description = "Takes the assertion for the options of `/passkey-options`. The credential and its user handle "
                    + "name the user; the firm must allow passwordless sign-in; webauthn4j checks challenge, origin, rp "
                    + "id hash, user presence and verification, signature and sign count. The answer is `authenticated` "
                    + "with amr `[hwk, user]`. Every refusal (unknown credential, a user handle that is not the "
                    + "credential's user, a firm that does not allow it, a bad signature, a counter regression) answers "
                    + "the same 401 and is a `passkey.rejected` event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "assertion",
            value = """
                    {"credential":{"id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","rawId":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiLi4uIn0","authenticatorData":"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAABw","signature":"MEUCIQDx...","userHandle":"q9Hc2xW4mV0bR7tY1uI3oP5aS8dF6gJ2kL4zX7cV9bN"},"clientExtensionResults":{}}}""")))
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "authenticated",
                    value = AUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No credential")
    @APIResponse(responseCode = "401", description = "The passkey could not be verified or may not sign in alone",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid passkey",
                    value = """
                            {"type":"https://lexguard.dev/problems/invalid-passkey","title":"Invalid passkey","status":401,"detail":"The passkey could not be verified","instance":"/api/v1/auth/passkey","requestId":"6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"}""")))
    public Uni<Response> passwordless(@Valid @NotNull PasswordlessLoginRequest request, @Context HttpServerRequest http) {
        return logins.passwordless(request, ClientInfo.of(http)).map(AuthResource::noStore);
    }

    @POST
    @Path("/step-up/passkey-options")
    @Authenticated
    @Operation(summary = "Request options for a passkey step-up",
            description = "PublicKeyCredentialRequestOptions as JSON for the caller's passkeys; the single-use challenge "
                    + "is bound to the caller's session. Send the assertion as `passkey` to POST /api/v1/auth/step-up.")
    @APIResponse(responseCode = "200", description = "The request options",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "options",
                    value = PASSKEY_OPTIONS_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No valid access token, or its session has ended")
    @APIResponse(responseCode = "409", description = "The caller has no passkey")
    public Uni<Response> stepUpPasskeyOptions() {
        caller.requireUser();
        return stepUps.passkeyOptions(caller.firmId(), caller.actorId(), caller.sessionId()).map(AuthResource::noStore);
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for new tokens",
            description = "Refresh tokens rotate: each works once and the answer carries the next one. Presenting a "
                    + "token that was already used ends its whole session (it has been stolen or copied). A session on a "
                    + "registered mobile device sends `deviceLock`, the phone's screen lock as the app sees it now "
                    + "(`none`, `passcode`, `biometric`): it is stored on the device, and when the firm requires a lock "
                    + "a report of `none` (or none at all) is refused with 403 `device-lock-required` "
                    + "(`device.lockMissing`); the session is not refreshed and the refresh token stays current.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "refresh", value = """
                {"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk"}"""),
        @ExampleObject(name = "refresh on a device", value = """
                {"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","deviceLock":"biometric"}""")}))
    @APIResponse(responseCode = "200", description = "New tokens", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "refreshed", value = AUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A missing refresh token, or a `deviceLock` that is not none, passcode or biometric")
    @APIResponse(responseCode = "403", description = "The firm requires a screen lock and the device reported none",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "lock required", value = """
                    {"type":"https://lexguard.dev/problems/device-lock-required","title":"Forbidden","status":403,"detail":"The firm requires a screen lock (a passcode or biometrics) on this phone: turn one on in the phone's settings, then try again","instance":"/api/v1/auth/refresh","requestId":"8d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"}""")))
    @APIResponse(responseCode = "401", description = "Unknown, expired or reused refresh token, or an ended session",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid", value = """
                    {"type":"https://lexguard.dev/problems/invalid-refresh-token","title":"Invalid refresh token","status":401,"detail":"The refresh token is not valid; sign in again","instance":"/api/v1/auth/refresh","requestId":"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"}""")))
    public Uni<Response> refresh(@Valid @NotNull AuthRefreshRequest request, @Context HttpServerRequest http) {
        return sessions.refresh(request.refreshToken(), request.deviceLock(), ClientInfo.of(http)).map(outcome -> {
            if (outcome instanceof SessionService.RefreshOutcome.Refreshed refreshed) {
                return noStore(LoginResponse.authenticated(refreshed.tokens()));
            }
            if (outcome instanceof SessionService.RefreshOutcome.DeviceLockRequired) {
                throw DeviceLock.required();
            }
            throw AuthenticationProblem.invalidRefreshToken();
        });
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "Sign out: end the current session",
            description = "The session named by the access token's `sid` ends; its refresh token stops working at once.")
    @APIResponse(responseCode = "204", description = "The session has ended")
    @APIResponse(responseCode = "401", description = "No valid access token, or the session had already ended")
    public Uni<Response> logout() {
        return sessions.logout(caller.firmId(), caller.actorId(), caller.sessionId()).map(ended -> {
            if (!ended) {
                throw AuthenticationProblem.sessionEnded();
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/step-up")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Step up: prove the second factor again for a risky act",
            description = "With the caller's access token and one of `code` (TOTP, each accepted once), `recoveryCode` "
                    + "(single use) or `passkey` (an assertion for the options of /step-up/passkey-options; amr `hwk`). Answers a fresh access token of the same session with `auth_time` now and amr "
                    + "`[pwd, otp]` (or `rec`); the session remembers the step-up, so the next refresh keeps it. Risky "
                    + "acts (identity provider, two-factor policy, another user's two-factor reset, ...) accept a token "
                    + "whose second factor is at most 10 minutes old and otherwise answer 403 `step-up-required`. Wrong "
                    + "codes count against the account's sign-in throttle (429 + Retry-After). Firm users only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "totp", value = """
                {"code":"492039"}"""),
        @ExampleObject(name = "recovery code", value = """
                {"recoveryCode":"7KQM-4XRT-9HVB-2NCD"}"""),
        @ExampleObject(name = "passkey", value = """
                {"passkey":{"id":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","rawId":"b3Jt4lYw8GkV2sQ9nC5xZ1aE7dR0fH6u","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiLi4uIn0","authenticatorData":"SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAABw","signature":"MEUCIQDx..."},"clientExtensionResults":{}}}""")}))
    @APIResponse(responseCode = "200", description = "Stepped up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "stepped up",
                    value = """
                            {"accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkZW50aXR5LmxleGd1YXJkLmRldiJ9.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","authTime":"2026-11-29T19:04:40.512Z","amr":["pwd","otp"]}""")))
    @APIResponse(responseCode = "400", description = "Not exactly one of code, recoveryCode and passkey")
    @APIResponse(responseCode = "401", description = "No valid access token, or its session has ended or was revoked",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "session ended",
                    value = """
                            {"type":"https://lexguard.dev/problems/session-ended","title":"Session ended","status":401,"detail":"This session has ended; sign in again","instance":"/api/v1/auth/step-up","requestId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"}""")))
    @APIResponse(responseCode = "403", description = "Wrong or replayed code, or a portal contact's token",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "wrong code",
                    value = """
                            {"type":"https://lexguard.dev/problems/invalid-second-factor","title":"Forbidden","status":403,"detail":"The code is not correct","instance":"/api/v1/auth/step-up","requestId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}""")))
    @APIResponse(responseCode = "409", description = "The user has no second factor: enrol one first",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not enrolled",
                    value = """
                            {"type":"https://lexguard.dev/problems/second-factor-not-enrolled","title":"Conflict","status":409,"detail":"Turn on two-factor authentication (POST /api/v1/two-factor/enrolment) before stepping up","instance":"/api/v1/auth/step-up","requestId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}""")))
    @APIResponse(responseCode = "429", description = "Too many wrong codes or sign-in failures: wait Retry-After seconds",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "throttled", value = THROTTLED_EXAMPLE)))
    public Uni<Response> stepUp(@Valid @NotNull StepUpRequest request, @Context HttpServerRequest http) {
        caller.requireUser();
        return stepUps.stepUp(caller.firmId(), caller.actorId(), caller.sessionId(), request, ClientInfo.of(http))
                .map(AuthResource::noStore);
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
