package dev.lexguard.sharing.policy;

import dev.lexguard.platform.web.caller.Caller;
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

@Path("/api/v1/shares/policy")
@Tag(name = "Sharing policy")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final String POLICY_REQUEST = """
            {"defaultExpiryDays":{"client":365,"coCounsel":180,"expert":90,"other":30},"reviewIntervalDays":{"client":180,"coCounsel":90,"expert":90,"other":30},"expiryWarningDays":7,"reviewOverdueAfterDays":14,"revokeOnMatterClose":true,"expiryWarningDaysByKind":{"client":30,"coCounsel":14,"expert":null,"other":null}}""";
    static final String POLICY = """
            {"defaultExpiryDays":{"client":365,"coCounsel":180,"expert":90,"other":30},"reviewIntervalDays":{"client":180,"coCounsel":90,"expert":90,"other":30},"expiryWarningDays":7,"reviewOverdueAfterDays":14,"revokeOnMatterClose":true,"updatedAt":"2026-11-29T21:10:00.123456Z","updatedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","expiryWarningDaysByKind":{"client":30,"coCounsel":14,"expert":null,"other":null}}""";
    static final String WARNING_TOO_LONG = """
            {"type":"https://lexguard.dev/problems/expiry-warning-too-long","title":"Business rule violated","status":422,"detail":"A kind's expiry warning period must be shorter than its default expiry: other (30 days, default expiry 30); nothing was changed","instance":"/api/v1/shares/policy","requestId":"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"}""";

    private final Caller caller;
    private final PolicyService policies;

    public PolicyResource(Caller caller, PolicyService policies) {
        this.caller = caller;
        this.policies = policies;
    }

    @GET
    @Operation(summary = "The firm's sharing policy", description = "Defaults until an administrator sets one: clients 365 days, "
            + "co-counsel 180, experts 90, others 30; reviews every 180/90/90/30 days; warning 7 days before expiry; a review is "
            + "overdue 14 days after its date; closing a matter revokes its shares. expiryWarningDaysByKind holds the kinds "
            + "with a warning period of their own; null means the firm-wide expiryWarningDays.")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "policy", value = POLICY)))
    public Uni<PolicyResponse> read() {
        caller.requireUser();
        return policies.read(caller.firmId());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the firm's sharing policy", description = "Administrators only. Applies to shares created and reviews "
            + "decided from now on, and to expiry warnings and overdue reviews from the next sweep. expiryWarningDaysByKind is "
            + "optional: absent or null keeps each kind's current warning period; a kind set to null (or left out of it) uses "
            + "the firm-wide expiryWarningDays; a kind's own period (1..365) must be shorter than its default expiry. Publishes "
            + "dev.lexguard.sharing.policy.changed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_REQUEST)))
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "policy", value = POLICY)))
    @APIResponse(responseCode = "400", description = "Invalid fields (e.g. a warning period of 0 days or less)")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "422", description = "A kind's own warning period is not shorter than its default expiry "
            + "(expiry-warning-too-long); nothing changed", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "warning too long", value = WARNING_TOO_LONG)))
    public Uni<PolicyResponse> update(@Valid @NotNull PolicyRequest request) {
        caller.requireUser();
        return policies.update(caller.firmId(), caller.actorId(), request);
    }
}
