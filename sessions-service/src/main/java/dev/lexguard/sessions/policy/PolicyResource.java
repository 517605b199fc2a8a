package dev.lexguard.sessions.policy;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.sessions.session.Requester;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sessions/policy")
@Tag(name = "Session policy")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final String REQUEST = """
            {"users":{"idleMinutes":480,"absoluteMinutes":1440},"administrators":{"idleMinutes":30,"absoluteMinutes":720},\
            "contacts":{"idleMinutes":60,"absoluteMinutes":null}}""";
    static final String POLICY = """
            {"users":{"idleMinutes":480,"absoluteMinutes":1440},"administrators":{"idleMinutes":30,"absoluteMinutes":720},\
            "contacts":{"idleMinutes":60,"absoluteMinutes":null},"updatedAt":"2026-11-29T19:20:00.123456Z",\
            "updatedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73"}""";

    private final Caller caller;
    private final PolicyService policies;

    public PolicyResource(Caller caller, PolicyService policies) {
        this.caller = caller;
        this.policies = policies;
    }

    @GET
    @Operation(summary = "Read the firm's session lifetimes (administrators)",
            description = "Idle and absolute lifetimes in minutes for users, administrators and portal contacts; null is no "
                    + "limit. A firm that never set any has none.")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "policy", value = POLICY)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<PolicyResponse> read() {
        administrator();
        return policies.read(caller.firmId());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the firm's session lifetimes (administrators)",
            description = "A job (every minute by default) ends open sessions idle longer than their idle lifetime or older "
                    + "than their absolute lifetime, each with a dev.lexguard.sessions.session.revoked event (reason "
                    + "idle_timeout or absolute_timeout). Administrators' lifetimes replace the users' where set. Minutes are "
                    + "1..129600 (90 days) or null; an idle lifetime longer than its absolute one is a 422. A change publishes "
                    + "dev.lexguard.sessions.policy.changed with the previous value of each changed lifetime; a PUT that changes "
                    + "no lifetime keeps the policy (and its updatedAt) and publishes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "policy", value = POLICY)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "422", description = "An idle lifetime is longer than the absolute one (idle-exceeds-absolute)")
    public Uni<PolicyResponse> set(@Valid @NotNull PolicyRequest request) {
        administrator();
        return policies.set(caller.firmId(), caller.actorId(), request);
    }

    private void administrator() {
        caller.requireUser();
        caller.requirePermission(Requester.ADMINISTRATOR);
    }
}
