package dev.lexguard.permissions.activitydescriptions;

import dev.lexguard.permissions.groupfilters.GroupFilterService;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/activity-descriptions")
@Tag(name = "Activity descriptions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ActivityDescriptionResource {

    static final String REQUEST = """
            {"name":"Court appearance","defaultRate":"350.00","category":"Litigation","visibility":"groups","groupIds":["5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"]}""";
    static final String DESCRIPTION = """
            {"id":"8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968","name":"Court appearance","defaultRate":350.00,"category":"Litigation","visibility":"groups","groupIds":["5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"],"createdAt":"2026-11-29T19:40:00.000001Z","updatedAt":"2026-11-29T19:40:00.000001Z"}""";

    private final Caller caller;
    private final ActivityDescriptionService descriptions;
    private final CursorCodec cursors;
    private final GroupFilterService filters;

    public ActivityDescriptionResource(Caller caller, ActivityDescriptionService descriptions, CursorCodec cursors,
            GroupFilterService filters) {
        this.caller = caller;
        this.descriptions = descriptions;
        this.cursors = cursors;
        this.filters = filters;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an activity description", description = "Administrators only. Names are unique in the firm, "
            + "ignoring case. visibility everyone, or groups with at least one group. "
            + "Publishes dev.lexguard.permissions.activitydescription.changed (change: created).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "for one group", value = REQUEST)))
    @APIResponse(responseCode = "201", description = "The description", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "description", value = DESCRIPTION)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown groups (unknown-principals), or visibility and groups disagree (invalid-visibility)")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "Another description has this name (duplicate-name)")
    public Uni<Response> create(@Valid @NotNull ActivityDescriptionRequest request) {
        caller.requireUser();
        return descriptions.create(caller.firmId(), caller.actorId(), request)
                .map(d -> Response.created(URI.create("/api/v1/activity-descriptions/" + d.id())).entity(d).build());
    }

    @GET
    @Operation(summary = "List the activity descriptions the caller may see", description = "Those visible to everyone and those "
            + "of the caller's groups (administrators see all). By name; cursor paging. group narrows the list to descriptions "
            + "restricted to one of the groups (those visible to everyone name no group); without group, the caller's saved "
            + "default filter applies. A cursor continues only the filter it was issued for.")
    @APIResponse(responseCode = "200", description = "A page of descriptions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + DESCRIPTION + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "A group entry is neither a group id, mine nor all (invalid-group-filter), "
            + "or a cursor of another firm or another filter (invalid-cursor)")
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)")
    public Uni<Page<ActivityDescriptionResponse>> list(@Valid @BeanParam PageRequest page,
            @Parameter(description = "Repeatable. A group id of the firm, or mine (the caller's groups): only descriptions "
                    + "restricted to one of them. all: no filter, not even the caller's saved default "
                    + "(GET /api/v1/groups/default-filter), which applies when no group is given. At most 50.",
                    explode = Explode.TRUE, examples = {
                            @ExampleObject(name = "one group", value = "5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"),
                            @ExampleObject(name = "the caller's groups", value = "mine"),
                            @ExampleObject(name = "no filter", value = "all")}) @QueryParam("group") List<String> group) {
        caller.requireUser();
        UUID firm = caller.firmId();
        return filters.effective(firm, caller.actorId(), group).chain(filter -> descriptions.page(firm, caller.actorId(), filter,
                filter.continuing(cursors.position(firm, page)), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        d -> filter.position(Map.of("name", d.name(), "id", d.id().toString())))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an activity description", description = "One the caller may not see answers 404.")
    @APIResponse(responseCode = "200", description = "The description", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "description", value = DESCRIPTION)))
    @APIResponse(responseCode = "404", description = "Not found, not yours, or not visible to the caller")
    public Uni<ActivityDescriptionResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return descriptions.read(caller.firmId(), caller.actorId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an activity description", description = "Administrators only. "
            + "Publishes dev.lexguard.permissions.activitydescription.changed (change: updated).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "for one group", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "The description", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "description", value = DESCRIPTION)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "Another description has this name")
    public Uni<ActivityDescriptionResponse> update(@PathParam("id") UUID id, @Valid @NotNull ActivityDescriptionRequest request) {
        caller.requireUser();
        return descriptions.update(caller.firmId(), caller.actorId(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an activity description", description = "Administrators only. "
            + "Publishes dev.lexguard.permissions.activitydescription.changed (change: deleted).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        caller.requireUser();
        return descriptions.delete(caller.firmId(), caller.actorId(), id).map(ignored -> Response.noContent().build());
    }
}
