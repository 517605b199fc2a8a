package dev.lexguard.identity.keycloak;

import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/firms/keycloak")
@Tag(name = "Keycloak")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class KeycloakConnectionResource {

    static final String CONNECTION_EXAMPLE = """
            {"serverUrl":"https://sso.harbourlane.example","realm":"harbourlane","clientId":"lexguard-provisioner","signInClientId":"lexguard","issuer":"https://sso.harbourlane.example/realms/harbourlane","connectedAt":"2026-11-30T09:12:44.120Z","updatedAt":"2026-11-30T09:12:44.120Z","lastReconciledAt":null,"queue":{"pending":12,"failing":0,"oldestPendingSince":"2026-11-30T09:12:44.120Z"},"secondFactorTrust":{"trusted":false,"since":null,"by":null}}""";

    private final KeycloakConnectionService connections;
    private final Reconciliation reconciliation;
    private final Caller caller;

    public KeycloakConnectionResource(KeycloakConnectionService connections, Reconciliation reconciliation, Caller caller) {
        this.connections = connections;
        this.reconciliation = reconciliation;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect the firm to its Keycloak realm (administrators)",
            description = "Checks the service account by using it: LexGuard's OIDC sign-in client (`lexguard`, authorization "
                    + "code with PKCE S256) and one group per LexGuard group under `LexGuard` are created or repaired in the "
                    + "realm; only then is the connection stored, with both client secrets encrypted. Every user of the firm "
                    + "is then provisioned from the queue. Connecting again replaces the connection. The service account "
                    + "needs realm-management's manage-users and manage-clients. Secrets never appear in answers or events.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "connect",
            value = """
                    {"serverUrl":"https://sso.harbourlane.example","realm":"harbourlane","clientId":"lexguard-provisioner","clientSecret":"kZ2m9Qv7RtP4xW1sL8nB3cF6hJ0dG5yA"}""")))
    @APIResponse(responseCode = "200", description = "Connected", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "connected", value = CONNECTION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A missing field, or a server URL that is not https")
    @APIResponse(responseCode = "403", description = "Not an administrator, or no second factor proved in the last 10 minutes "
            + "(step up at POST /api/v1/auth/step-up)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = dev.lexguard.identity.twofactor.TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "Keycloak refused the credentials, the realm does not exist, the service "
            + "account lacks roles, or Keycloak did not answer; nothing was stored",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "refused", value = """
                    {"type":"https://lexguard.dev/problems/keycloak-credentials-refused","title":"Unprocessable request","status":422,"detail":"Keycloak refused the service account: check the client id and secret of realm harbourlane","instance":"/api/v1/firms/keycloak","requestId":"6a1f2e3d-4c5b-4a69-8e7d-1c2b3a4f5e6d"}""")))
    public Uni<ConnectionResponse> connect(@Valid @NotNull ConnectRequest request) {
        caller.requirePermission("administrator");
        caller.requireFreshSecondFactor();
        return connections.connect(caller.firmId(), caller.actorId(), request);
    }

    @GET
    @Operation(summary = "The firm's Keycloak connection and its provisioning queue (administrators)")
    @APIResponse(responseCode = "200", description = "The connection", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "connected", value = CONNECTION_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "The firm is not connected")
    public Uni<ConnectionResponse> show() {
        caller.requirePermission("administrator");
        return connections.show(caller.firmId());
    }

    @DELETE
    @Operation(summary = "Disconnect the firm from Keycloak (administrators)",
            description = "Stops provisioning and single sign-on; pending jobs are dropped. Users, groups and the client "
                    + "LexGuard created stay in the realm, which is the firm's.")
    @APIResponse(responseCode = "204", description = "Disconnected")
    @APIResponse(responseCode = "403", description = "Not an administrator, or no second factor proved in the last 10 minutes "
            + "(step up at POST /api/v1/auth/step-up)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "step-up required",
                    value = dev.lexguard.identity.twofactor.TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "The firm is not connected",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not connected",
                    value = """
                    {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"This firm is not connected to Keycloak","instance":"/api/v1/firms/keycloak","requestId":"8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"}""")))
    public Uni<Response> disconnect() {
        caller.requirePermission("administrator");
        caller.requireFreshSecondFactor();
        return connections.disconnect(caller.firmId(), caller.actorId()).map(ignored -> Response.noContent().build());
    }

    @PUT
    @Path("/second-factor-trust")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Let Keycloak's second factor stand in for LexGuard's at single sign-on (the firm's owner)",
            description = "Off by default: a user who signs on through Keycloak is asked for LexGuard's own second factor "
                    + "(or enrols one when the firm requires it), whatever Keycloak checked. When the owner turns this on "
                    + "(with a second factor proved in the last 10 minutes), a sign-on whose ID token says Keycloak checked "
                    + "a second factor (amr otp, hwk, swk or mfa, with auth_time within "
                    + "lexguard.identity.keycloak.trusted-second-factor-max-age, default 1 hour) is complete: the session's "
                    + "amr is [sso, mfa] and its auth_time is Keycloak's, so risky acts still need a fresh factor. A user "
                    + "who must re-enrol LexGuard's factor (after \"this wasn't me\") is asked for it anyway. Connecting "
                    + "to another server or realm turns it off. Each change is a "
                    + "dev.lexguard.identity.keycloak.secondFactorTrustChanged event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "trust",
            value = """
                    {"trusted":true}""")))
    @APIResponse(responseCode = "200", description = "The connection with the owner's choice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "trusted", value = """
                    {"serverUrl":"https://sso.harbourlane.example","realm":"harbourlane","clientId":"lexguard-provisioner","signInClientId":"lexguard","issuer":"https://sso.harbourlane.example/realms/harbourlane","connectedAt":"2026-11-30T09:12:44.120Z","updatedAt":"2026-12-07T08:40:02.518Z","lastReconciledAt":"2026-12-07T06:00:00.004Z","queue":{"pending":0,"failing":0,"oldestPendingSince":null},"secondFactorTrust":{"trusted":true,"since":"2026-12-07T08:40:02.518Z","by":"2f6c1b8e-4a3d-4e7f-9b2a-5c8d1e0f3a6b"}}""")))
    @APIResponse(responseCode = "400", description = "No `trusted` boolean")
    @APIResponse(responseCode = "403", description = "Not the firm's owner (owner-only), or no second factor proved in the "
            + "last 10 minutes (step up at POST /api/v1/auth/step-up)",
            content = @Content(mediaType = "application/problem+json", examples = {
                    @ExampleObject(name = "owner only", value = """
                            {"type":"https://lexguard.dev/problems/owner-only","title":"Forbidden","status":403,"detail":"Only the firm's owner decides whether Keycloak's second factor stands in for LexGuard's","instance":"/api/v1/firms/keycloak/second-factor-trust","requestId":"1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"}"""),
                    @ExampleObject(name = "step-up required",
                            value = dev.lexguard.identity.twofactor.TwoFactorResource.STEP_UP_REQUIRED_EXAMPLE)}))
    @APIResponse(responseCode = "404", description = "The firm is not connected")
    public Uni<ConnectionResponse> trustSecondFactor(@Valid @NotNull SecondFactorTrustRequest request) {
        return connections.trustSecondFactor(caller.firmId(), caller.actorId(), request.trusted(),
                caller::requireFreshSecondFactor);
    }

    @POST
    @Path("/reconciliation")
    @Operation(summary = "Repair drift between LexGuard and Keycloak now (administrators)",
            description = "Syncs every user of the firm: accounts deleted in Keycloak are made again, edited names and "
                    + "emails, enabled flags and LexGuard group memberships are set back. The answer lists each change; "
                    + "the same runs on a schedule.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "drift repaired", value = """
                    {"reconciledAt":"2026-11-30T10:02:11.381Z","usersChecked":14,"changes":[{"userId":"0b7c5a1e-2f3d-4e8a-9b6c-1d2e3f4a5b6c","keycloakUserId":"3f9a1c2e-8d7b-4a6c-9e5f-0a1b2c3d4e5f","change":"enabled"},{"userId":"0b7c5a1e-2f3d-4e8a-9b6c-1d2e3f4a5b6c","keycloakUserId":"3f9a1c2e-8d7b-4a6c-9e5f-0a1b2c3d4e5f","change":"group_removed","groupId":"4b8e2f1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b"}],"failures":[]}""")))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "The firm is not connected")
    @APIResponse(responseCode = "422", description = "Keycloak did not answer or refused the service account")
    public Uni<ReconciliationResponse> reconcile() {
        caller.requirePermission("administrator");
        return reconciliation.reconcile(caller.firmId(), "administrator");
    }
}
