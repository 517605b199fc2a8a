package dev.lexguard.identity.devices;

import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/devices")
@Tag(name = "Mobile devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    static final String CREDENTIAL_HEADER = "X-Device-Credential";
    static final String DEVICE_EXAMPLE = """
            {"id":"0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c","userId":"a3e64629-693f-4740-a851-e7784fe77e60","name":"Ada's iPhone","platform":"ios","appVersion":"3.4.1","status":"active","pinSet":true,"registeredAt":"2026-11-29T21:40:00.000Z","fullSignInAt":"2026-11-29T21:39:58.000Z","fullSignInDueAt":"2026-12-29T21:39:58.000Z","lastUnlockedAt":"2026-11-30T08:12:04.000Z","endedAt":null,"deviceLock":"biometric","deviceLockReportedAt":"2026-11-30T08:12:04.000Z"}""";
    static final String POLICY_EXAMPLE = """
            {"pinRequired":true,"maxPinAttempts":5,"fullSignInDays":30,"deviceLockRequired":true,"updatedAt":"2026-11-29T21:45:00.000Z"}""";
    static final String LOCK_REQUIRED_EXAMPLE = """
            {"type":"https://lexguard.dev/problems/device-lock-required","title":"Forbidden","status":403,"detail":"The firm requires a screen lock (a passcode or biometrics) on this phone: turn one on in the phone's settings, then try again","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/unlock","requestId":"9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"}""";

    private final DeviceService devices;
    private final Caller caller;
    private final CursorCodec cursors;

    public DeviceResource(DeviceService devices, Caller caller, CursorCodec cursors) {
        this.devices = devices;
        this.caller = caller;
        this.cursors = cursors;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register the mobile device this session runs on",
            description = "Right after a full sign-in (password, and the second factor when the user has one) the app "
                    + "registers its device and receives the device-bound credential, once; the session is tied to the "
                    + "device. A session unlocked with a PIN cannot register. `deviceLock` is the phone's screen lock as "
                    + "the app sees it (`none`, `passcode`, `biometric`; the app's own report, not attested): when the "
                    + "firm requires a lock, a device that reports none (or nothing) is not registered (403 "
                    + "`device-lock-required`, `device.lockMissing`).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "register",
            value = """
                    {"name":"Ada's iPhone","platform":"ios","appVersion":"3.4.1","deviceLock":"biometric"}""")))
    @APIResponse(responseCode = "201", description = "The device and its credential (shown once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "registered", value = """
                    {"device":{"id":"0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c","userId":"a3e64629-693f-4740-a851-e7784fe77e60","name":"Ada's iPhone","platform":"ios","appVersion":"3.4.1","status":"active","pinSet":false,"registeredAt":"2026-11-29T21:40:00.000Z","fullSignInAt":"2026-11-29T21:39:58.000Z","fullSignInDueAt":"2026-12-29T21:39:58.000Z","lastUnlockedAt":null,"endedAt":null,"deviceLock":"biometric","deviceLockReportedAt":"2026-11-29T21:40:00.000Z"},"credential":"lgd_Wm9xT3p1c0x2QmN4Z1RrR2hKcE5vQzhZZlVqS2E","pinRequired":true}""")))
    @APIResponse(responseCode = "400", description = "Missing or invalid name, platform, app version or device lock")
    @APIResponse(responseCode = "403", description = "The session did not begin with a full sign-in, or the firm requires "
            + "a screen lock and the app reported none (`device-lock-required`)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "pin session", value = """
                    {"type":"https://lexguard.dev/problems/full-sign-in-required","title":"Forbidden","status":403,"detail":"Only a session that began with the password (and the second factor) may do this","instance":"/api/v1/devices","requestId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}""")))
    @APIResponse(responseCode = "409", description = "The session already belongs to a device")
    public Uni<Response> register(@Valid @NotNull RegisterDeviceRequest request) {
        caller.requireUser();
        return devices.register(caller.firmId(), caller.actorId(), caller.sessionId(), request)
                .map(registration -> Response.created(URI.create("/api/v1/devices/" + registration.device().id()))
                        .header("Cache-Control", "no-store")
                        .entity(new DeviceRegistrationResponse(DeviceResponse.of(registration.device(), registration.policy()),
                                registration.credential(), registration.policy().pinRequired()))
                        .build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List devices: the caller's, or the firm's (administrators)",
            description = "`scope=mine` (default) lists the caller's devices, `scope=firm` every device of the firm "
                    + "(administrators only); in registration order with cursor paging (`limit` 1..200, default 50).")
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "`mine` or `firm`", example = "mine")
    @APIResponse(responseCode = "200", description = "A page of devices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page", value = """
                    {"items":[""" + DEVICE_EXAMPLE + """
                    ],"nextCursor":null}""")))
    @APIResponse(responseCode = "400", description = "Invalid scope, limit or cursor")
    @APIResponse(responseCode = "403", description = "`scope=firm` by a user who is not an administrator")
    public Uni<Page<DeviceResponse>> list(@QueryParam("scope") String scope, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firmId = caller.firmId();
        UUID userId;
        if (scope == null || scope.equals("mine")) {
            userId = caller.actorId();
        } else if (scope.equals("firm")) {
            caller.requirePermission("administrator");
            userId = null;
        } else {
            throw new BadRequestProblem("invalid-field", "The scope must be mine or firm",
                    List.of(new FieldError("scope", "must be mine or firm")));
        }
        Map<String, String> position = cursors.position(firmId, page).orElse(null);
        Instant afterAt = null;
        UUID afterId = null;
        if (position != null) {
            try {
                afterAt = Instant.parse(position.get("at"));
                afterId = UUID.fromString(position.get("id"));
            } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                throw BadRequestProblem.invalidCursor();
            }
        }
        return devices.page(firmId, userId, afterAt, afterId, page.limit() + 1)
                .map(listed -> cursors.page(firmId, listed.devices().stream()
                                .map(device -> DeviceResponse.of(device, listed.policy())).toList(), page.limit(),
                        device -> Map.of("at", device.registeredAt().toString(), "id", device.id().toString())));
    }

    @PUT
    @Path("/{id}/pin")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set or change the device's app PIN",
            description = "From a session on this device that began with a full sign-in. Exactly 4 digits; trivial PINs "
                    + "(one digit repeated, runs such as 1234 or 9876, 1212, 1122, keypad lines such as 2580, the most "
                    + "common PINs) are refused. Stored as an Argon2id hash; the wrong-PIN count starts again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pin",
            value = """
                    {"pin":"4827"}""")))
    @APIResponse(responseCode = "204", description = "The PIN is set")
    @APIResponse(responseCode = "400", description = "Not 4 digits, or too easy to guess",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "weak", value = """
                    {"type":"https://lexguard.dev/problems/weak-pin","title":"Bad request","status":400,"detail":"The PIN is too easy to guess","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/pin","requestId":"4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a","errors":[{"field":"pin","message":"must not be a run of consecutive digits"}]}""")))
    @APIResponse(responseCode = "403", description = "Not a full-sign-in session on this device")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The device has been wiped or signed out")
    public Uni<Response> setPin(@PathParam("id") UUID id, @Valid @NotNull PinRequest request) {
        caller.requireUser();
        return devices.setPin(caller.firmId(), caller.actorId(), caller.sessionId(), id, request.pin())
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/unlock")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unlock the app with the PIN: fresh tokens without the password",
            description = "With the device credential in `X-Device-Credential` and the PIN: a new session on the device "
                    + "with amr `[pin]`, an access token and a refresh token. Each wrong PIN is counted; at the firm's "
                    + "limit (default 5) the device is wiped: its credential stops working, its sessions end, and only a "
                    + "full sign-in (password and second factor) gets in again. After the firm's full-sign-in interval "
                    + "the PIN no longer unlocks the device. `deviceLock` reports the phone's screen lock; when the firm "
                    + "requires one, a right PIN with a report of `none` (or none at all) gets no tokens: 403 "
                    + "`device-lock-required` and `device.lockMissing`.")
    @Parameter(name = CREDENTIAL_HEADER, in = ParameterIn.HEADER, required = true, description = "The device-bound credential from the registration",
            example = "lgd_Wm9xT3p1c0x2QmN4Z1RrR2hKcE5vQzhZZlVqS2E")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "unlock",
            value = """
                    {"pin":"4827","deviceLock":"biometric"}""")))
    @APIResponse(responseCode = "200", description = "Unlocked: new tokens (amr pin)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "authenticated", value = """
                    {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhbXIiOlsicGluIl19.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_8Hk2-Zq4mN7pXv1cR9sL0bT6yW3eA5uJdFgKiOoPlQw","sessionId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","sessionExpiresAt":"2026-12-30T08:12:04.000Z"}""")))
    @APIResponse(responseCode = "400", description = "The PIN is not 4 digits, or the device lock is not none, passcode or biometric")
    @APIResponse(responseCode = "403", description = "The firm requires a screen lock and the app reported none",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "lock required",
                    value = LOCK_REQUIRED_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Wrong PIN (attempts left in the detail); the device was wiped; an unknown, "
            + "revoked or missing credential; or the full-sign-in interval has passed",
            content = @Content(mediaType = "application/problem+json", examples = {
                @ExampleObject(name = "wrong PIN", value = """
                        {"type":"https://lexguard.dev/problems/invalid-pin","title":"Wrong PIN","status":401,"detail":"The PIN is not correct; 3 attempts left before the device is wiped","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/unlock","requestId":"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"}"""),
                @ExampleObject(name = "wiped", value = """
                        {"type":"https://lexguard.dev/problems/device-wiped","title":"Device wiped","status":401,"detail":"Too many wrong PINs: this device has been signed out; sign in with your password (and your second factor) to use it again","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/unlock","requestId":"6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"}"""),
                @ExampleObject(name = "full sign-in due", value = """
                        {"type":"https://lexguard.dev/problems/full-sign-in-required","title":"Full sign-in required","status":401,"detail":"The firm requires a full sign-in on this device every 30 days; sign in with your password (and your second factor) and register the device again","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/unlock","requestId":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}""")}))
    @APIResponse(responseCode = "409", description = "No PIN has been set on the device")
    public Uni<Response> unlock(@PathParam("id") UUID id, @HeaderParam(CREDENTIAL_HEADER) String credential,
            @Valid @NotNull UnlockRequest request, @Context HttpServerRequest http) {
        return devices.unlock(id, credential, request.pin(), request.deviceLock(), ClientInfo.of(http))
                .map(tokens -> Response.ok(LoginResponse.authenticated(tokens)).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/{id}/sign-out")
    @Authenticated
    @Operation(summary = "Sign a lost or stolen device out remotely",
            description = "Its credential stops working and every session on it ends at once (`device.signedOut`, "
                    + "`session.ended`). Users sign out their own devices; administrators any device of the firm.")
    @APIResponse(responseCode = "204", description = "Signed out")
    @APIResponse(responseCode = "404", description = "Not found or not yours",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not found", value = """
                    {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"Not found or not yours","instance":"/api/v1/devices/0f5c2a9e-6b1d-4f3a-9c8e-7d2b1a0e9f8c/sign-out","requestId":"8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e"}""")))
    @APIResponse(responseCode = "409", description = "Already wiped or signed out")
    public Uni<Response> signOut(@PathParam("id") UUID id) {
        caller.requireUser();
        return devices.signOut(caller.firmId(), caller.actorId(), caller.hasPermission("administrator"), id)
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/policy")
    @Authenticated
    @Operation(summary = "The firm's mobile device policy (administrators)")
    @APIResponse(responseCode = "200", description = "The policy (the defaults until an administrator sets one)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<DevicePolicyResponse> policy() {
        caller.requireUser();
        caller.requirePermission("administrator");
        return devices.policy(caller.firmId()).map(DevicePolicyResponse::of);
    }

    @PUT
    @Path("/policy")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the firm's mobile device policy (administrators)",
            description = "PIN required on mobile (a device without a PIN cannot refresh its session), wrong PINs before a "
                    + "wipe (3..10), days between full sign-ins on a device (1..365), and `deviceLockRequired` (default "
                    + "false): the phone must report a screen lock to get tokens at registration, unlock and refresh. "
                    + "Announced as `devicepolicy.changed`.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy",
            value = """
                    {"pinRequired":true,"maxPinAttempts":5,"fullSignInDays":30,"deviceLockRequired":true}""")))
    @APIResponse(responseCode = "200", description = "The policy now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A value is missing or out of range")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<DevicePolicyResponse> setPolicy(@Valid @NotNull DevicePolicyRequest request) {
        caller.requireUser();
        caller.requirePermission("administrator");
        return devices.setPolicy(caller.firmId(), caller.actorId(), request).map(DevicePolicyResponse::of);
    }
}
