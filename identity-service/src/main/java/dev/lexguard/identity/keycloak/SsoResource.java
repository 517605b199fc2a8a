package dev.lexguard.identity.keycloak;

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

@Path("/api/v1/auth/sso")
@Tag(name = "Sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    private final SsoService sso;

    public SsoResource(SsoService sso) {
        this.sso = sso;
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start single sign-on through the firm's Keycloak",
            description = "Answers the Keycloak authorization URL to send the browser to: authorization code flow with "
                    + "PKCE (S256), a state (single use, 5 minutes, stored hashed) and a nonce. `loginHint` pre-fills the "
                    + "email on Keycloak's form.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "start",
            value = """
                    {"firmId":"5d0c6a2b-1e3f-4a7b-9c8d-2e1f0a9b8c7d","loginHint":"ada@harbourlane.example"}""")))
    @APIResponse(responseCode = "200", description = "Where to send the browser",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "started", value = """
                    {"authorizationUrl":"https://sso.harbourlane.example/realms/harbourlane/protocol/openid-connect/auth?response_type=code&client_id=lexguard&redirect_uri=https%3A%2F%2Fapp.lexguard.dev%2Fsso%2Fcallback&scope=openid+email+profile&state=lgs_Q2h1cmNoaWxsIHNhaWQgdGhlIG5pZ2h0IGlzIGRhcms&nonce=Zx8mA1qP4rT7vW0yB3eH6jK9nC2fL5sD8gU1iO4aR7t&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&login_hint=ada%40harbourlane.example","state":"lgs_Q2h1cmNoaWxsIHNhaWQgdGhlIG5pZ2h0IGlzIGRhcms","expiresAt":"2026-11-30T09:17:44.120Z"}""")))
    @APIResponse(responseCode = "400", description = "No firm id")
    @APIResponse(responseCode = "422", description = "The firm has no single sign-on (not connected to Keycloak, or unknown)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "not available", value = """
                    {"type":"https://lexguard.dev/problems/sso-not-available","title":"Unprocessable request","status":422,"detail":"Single sign-on is not set up for this firm","instance":"/api/v1/auth/sso/start","requestId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}""")))
    public Uni<Response> start(@Valid @NotNull SsoStartRequest request, @Context HttpServerRequest http) {
        return sso.start(request, ClientInfo.of(http)).map(SsoResource::noStore);
    }

    @POST
    @Path("/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish single sign-on: the code and state Keycloak redirected the browser with",
            description = "Burns the state, exchanges the code (with the PKCE verifier) at the realm, checks the ID token "
                    + "(RS256 signature against the realm's JWKS, issuer, audience, nonce, expiry) and maps it to the "
                    + "LexGuard user: the Keycloak account linked at provisioning, else the verified email within the firm. "
                    + "The answer is the same as after a password: `authenticated` (amr `[sso]`, or `[sso, otp]` when "
                    + "Keycloak's token shows a second factor), or `two_factor_required` / `two_factor_enrollment_required` "
                    + "when the firm wants LexGuard's second factor and Keycloak showed none.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "callback",
            value = """
                    {"state":"lgs_Q2h1cmNoaWxsIHNhaWQgdGhlIG5pZ2h0IGlzIGRhcms","code":"7c1d2e3f-4a5b-4c6d-8e9f.0a1b2c3d-4e5f-4a6b-8c7d.9e8f7a6b-5c4d"}""")))
    @APIResponse(responseCode = "200", description = "Signed in, or LexGuard's second factor is needed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                @ExampleObject(name = "authenticated", value = """
                        {"status":"authenticated","accessToken":"eyJraWQiOiIyMDI2LTExLWEiLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkZW50aXR5LmxleGd1YXJkLmRldiJ9.c2lnbmF0dXJl","tokenType":"Bearer","expiresIn":600,"refreshToken":"lgr_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","sessionExpiresAt":"2026-12-29T19:02:11.120Z"}"""),
                @ExampleObject(name = "two_factor_required", value = """
                        {"status":"two_factor_required","challengeToken":"lgc_Yq3m0bX7cV1nR8sK2pL5wT9dF4hJ6gA0eZ3uI7oN1xE","expiresAt":"2026-11-30T09:22:11.120Z"}""")}))
    @APIResponse(responseCode = "401", description = "Unknown or expired state, a code Keycloak refused, or an ID token that "
            + "failed verification", content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
                    name = "invalid ID token", value = """
                    {"type":"https://lexguard.dev/problems/invalid-id-token","title":"Invalid ID token","status":401,"detail":"The identity token from Keycloak failed verification","instance":"/api/v1/auth/sso/callback","requestId":"2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"}""")))
    @APIResponse(responseCode = "403", description = "No LexGuard user of the firm matches the Keycloak account, or it is "
            + "deactivated or not activated", content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "unknown user", value = """
                    {"type":"https://lexguard.dev/problems/sso-unknown-user","title":"Forbidden","status":403,"detail":"No LexGuard user of this firm matches this Keycloak account","instance":"/api/v1/auth/sso/callback","requestId":"3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a"}""")))
    @APIResponse(responseCode = "409", description = "The state was used already (a replayed callback)",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "replayed", value = """
                    {"type":"https://lexguard.dev/problems/sso-state-replayed","title":"Conflict","status":409,"detail":"This sign-in was already completed or attempted; start a new one","instance":"/api/v1/auth/sso/callback","requestId":"4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b"}""")))
    @APIResponse(responseCode = "422", description = "Keycloak did not answer, or the firm has no single sign-on any more")
    public Uni<Response> callback(@Valid @NotNull SsoCallbackRequest request, @Context HttpServerRequest http) {
        return sso.callback(request, ClientInfo.of(http)).map(SsoResource::noStore);
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
