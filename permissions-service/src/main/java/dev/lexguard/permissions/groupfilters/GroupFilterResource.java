package dev.lexguard.permissions.groupfilters;

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

/**
 * The caller's default group filter. Under /groups rather than /me: the gateway routes /me to identity-service,
 * and the filter is about this service's groups.
 */
@Path("/api/v1/groups/default-filter")
@Tag(name = "Groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupFilterResource {

    static final String PROBLEM = "application/problem+json";
    static final String FILTER = """
            {"groups":["mine","5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"]}""";

    private final Caller caller;
    private final GroupFilterService filters;

    public GroupFilterResource(Caller caller, GroupFilterService filters) {
        this.caller = caller;
        this.filters = filters;
    }

    @GET
    @Operation(summary = "Read the caller's default group filter", description = "Applied to GET /api/v1/matters, "
            + "GET /api/v1/activity-descriptions and the feed's firm and matter feeds, stream and exports when a request names "
            + "no group (group=all turns it off for a request). "
            + "Groups deleted since it was saved are left out. Empty when none is saved.")
    @APIResponse(responseCode = "200", description = "The default filter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "my groups and one more", value = FILTER),
                    @ExampleObject(name = "none saved", value = "{\"groups\":[]}")}))
    public Uni<GroupFilterResponse> read() {
        caller.requireUser();
        return filters.saved(caller.firmId(), caller.actorId()).map(GroupFilterResponse::of);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the caller's default group filter", description = "groups: group ids of the firm and/or mine "
            + "(the caller's groups at the time of each request), at most 50; an empty list removes the default. Each user "
            + "saves their own; a filter only narrows what access lets the caller see. Deleting a group takes it out of "
            + "saved filters (or puts the group it is reassigned to in its place); a filter left empty is removed. Each save "
            + "publishes dev.lexguard.permissions.groupfilter.changed (the groups as saved and as they were); the feed applies "
            + "the default too.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "my groups and one more", value = FILTER),
            @ExampleObject(name = "remove the default", value = "{\"groups\":[]}")}))
    @APIResponse(responseCode = "200", description = "The saved filter", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "saved", value = FILTER)))
    @APIResponse(responseCode = "400", description = "An entry is neither a group id nor mine (invalid-group-filter), or names "
            + "a group the firm does not have (unknown-principals)", content = @Content(mediaType = PROBLEM, examples = {
                    @ExampleObject(name = "unknown group", value = """
                            {"type":"https://lexguard.dev/problems/unknown-principals","title":"Bad request","status":400,"detail":"The filter names groups this firm does not have","instance":"/api/v1/groups/default-filter","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e","errors":[{"field":"groups","message":"0f0e0d0c-0b0a-4909-8807-060504030201 is not a group of this firm"}]}"""),
                    @ExampleObject(name = "malformed entry", value = """
                            {"type":"https://lexguard.dev/problems/invalid-group-filter","title":"Bad request","status":400,"detail":"The group filter is not valid","instance":"/api/v1/groups/default-filter","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e","errors":[{"field":"groups","message":"must be a group id or mine"}]}""")}))
    public Uni<GroupFilterResponse> save(@Valid @NotNull GroupFilterRequest request) {
        caller.requireUser();
        return filters.save(caller.firmId(), caller.actorId(), request.groups()).map(GroupFilterResponse::of);
    }
}
