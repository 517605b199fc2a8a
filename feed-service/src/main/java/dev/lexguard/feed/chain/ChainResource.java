package dev.lexguard.feed.chain;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feed")
@Tag(name = "Tamper evidence and retention")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    static final String VALID = """
            {"valid":true,"from":121,"to":162,"checked":42,"anchor":{"seq":120,"hash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","lastPurge":{"purged":120,"fromSeq":1,"oldestOccurredAt":"2025-01-04T09:12:00Z","newestOccurredAt":"2025-11-28T17:40:00Z","at":"2026-11-29T21:00:00.123456Z","by":{"type":"user","id":"442058c2-4ebc-4d5f-b217-134de6297199"},"entryId":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}},"head":{"seq":162,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":null}""";
    static final String BROKEN = """
            {"valid":false,"from":1,"to":42,"checked":16,"anchor":{"seq":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000"},"head":{"seq":42,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":{"seq":17,"entryId":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","reason":"hash-mismatch","expectedHash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","storedHash":"7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b"}}""";
    static final String RETENTION = """
            {"retentionDays":2557,"firmDefault":false,"updatedAt":"2026-11-29T21:00:00.123456Z"}""";

    private final Caller caller;
    private final ChainService chains;
    private final RetentionService retention;

    public ChainResource(Caller caller, ChainService chains, RetentionService retention) {
        this.caller = caller;
        this.chains = chains;
        this.retention = retention;
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the firm's hash chain", description = "Administrators only. Recomputes every entry's hash in "
            + "positions from..to (default: the whole retained chain, from the retention anchor) and reports the first break. "
            + "Record the head hash elsewhere to detect a rewrite of the whole chain later.")
    @APIResponse(responseCode = "200", description = "The verification", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "valid", value = VALID), @ExampleObject(name = "broken", value = BROKEN)}))
    @APIResponse(responseCode = "400", description = "A bad range")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<ChainVerification> verify(@Parameter(description = "first position (default: after the anchor)") @QueryParam("from") String from,
            @Parameter(description = "last position (default: the head)") @QueryParam("to") String to) {
        caller.requireUser();
        List<FieldError> errors = new ArrayList<>();
        Long start = position("from", from, errors);
        Long end = position("to", to, errors);
        if (start != null && end != null && start > end) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-range", "The range to verify is not valid", errors);
        }
        UUID firm = caller.firmId();
        return chains.requireAdministrator(firm, caller.actorId()).chain(() -> chains.verify(firm, start, end));
    }

    @GET
    @Path("/retention")
    @Operation(summary = "The firm's retention of feed entries", description = "Administrators only.")
    @APIResponse(responseCode = "200", description = "The retention", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "retention", value = RETENTION)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<RetentionResponse> readRetention() {
        caller.requireUser();
        UUID firm = caller.firmId();
        return chains.requireAdministrator(firm, caller.actorId()).chain(() -> retention.read(firm));
    }

    @PUT
    @Path("/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the firm's retention", description = "Administrators only, with a second factor proven within the last "
            + "10 minutes (step-up). Never below the deployment's floor (lexguard.feed.retention.floor, default 365 days). Entries "
            + "older than this are purged by the periodic job (oldest first, keeping the chain contiguous); the chain stays "
            + "verifiable from the anchor they leave. The change becomes an entry of the firm's feed (security, administrators) and "
            + "the event dev.lexguard.feed.retention.changed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "seven years",
            value = "{\"retentionDays\":2557}")))
    @APIResponse(responseCode = "200", description = "The retention", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "retention", value = RETENTION)))
    @APIResponse(responseCode = "400", description = "Not a number of days from 1 to 36,500")
    @APIResponse(responseCode = "403", description = "Not an administrator (missing-permission), or no second factor within the "
            + "last 10 minutes (step-up-required, with a WWW-Authenticate challenge)")
    @APIResponse(responseCode = "422", description = "Below the deployment's floor (retention-below-floor, naming the floor)")
    public Uni<RetentionResponse> setRetention(@Valid @NotNull RetentionRequest request) {
        caller.requireUser();
        UUID firm = caller.firmId();
        UUID user = caller.actorId();
        return chains.requireAdministrator(firm, user).invoke(caller::requireFreshSecondFactor)
                .chain(() -> retention.set(firm, user, request.retentionDays()));
    }

    @POST
    @Path("/retention/purge")
    @Operation(summary = "Purge entries past the retention now", description = "Administrators only. What the periodic job does, "
            + "for the caller's firm: deletes the oldest entries past the retention (never younger than the deployment's floor) and "
            + "moves the anchor after them. The anchor records how many entries went, their positions and times and who purged; "
            + "the purge becomes an entry of the firm's feed (in the chain) and the event dev.lexguard.feed.retention.purged.")
    @APIResponse(responseCode = "200", description = "What was purged", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "purged", value = """
                    {"purged":120,"anchorSeq":120,"anchorHash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","cutoff":"2025-11-29T21:00:00Z","fromSeq":1,"oldestOccurredAt":"2025-01-04T09:12:00Z","newestOccurredAt":"2025-11-28T17:40:00Z","eventId":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}""")))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<ChainService.PurgeResult> purge() {
        caller.requireUser();
        UUID firm = caller.firmId();
        UUID user = caller.actorId();
        return chains.requireAdministrator(firm, user).chain(() -> chains.purge(firm, user));
    }

    private static Long position(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            long position = Long.parseLong(value);
            if (position >= 1) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below with the other fields
        }
        errors.add(new FieldError(field, "must be a position in the chain (a whole number from 1)"));
        return null;
    }
}
