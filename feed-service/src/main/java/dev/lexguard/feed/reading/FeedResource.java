package dev.lexguard.feed.reading;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feed")
@Tag(name = "Feed")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    static final String PROBLEM = "application/problem+json";
    static final String ENTRY = """
            {"id":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","occurredAt":"2026-11-29T19:44:15.961Z","recordedAt":"2026-11-29T19:44:16.012345Z","type":"dev.lexguard.permissions.matter.updated","category":"matters","actor":{"id":"442058c2-4ebc-4d5f-b217-134de6297199","type":"user","displayName":"Ada Okafor"},"verb":"updated","object":{"type":"matter","id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","title":"2026-0042"},"matter":{"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042"},"summary":"Matter 2026-0042 was changed","details":{"matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","clientContactId":null,"responsibleAttorneyId":null,"practiceArea":"Family law","status":"open"},"redacted":false,"ip":null,"location":null}""";
    static final String PAGE = "{\"items\":[" + ENTRY + "],\"nextCursor\":\"AcPpFMCNtzYm9IV5iXk2ZPsXJJ-9aL9-EF-dkYQPHACUeyJ0IjoiMTc2NDQ0NTQ1NTk2MTAwMCIsInMiOiI0MiJ9\"}";
    static final String BAD_FILTER = """
            {"type":"https://lexguard.dev/problems/invalid-filter","title":"Bad request","status":400,"detail":"A filter has a value the feed cannot use","instance":"/api/v1/feed","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","errors":[{"field":"category","message":"must be one of activity, billing, documents, matters, other, permissions, security, sharing, users"}]}""";

    static final String INVALID_CURSOR = """
            {"type":"https://lexguard.dev/problems/invalid-cursor","title":"Bad request","status":400,"detail":"The cursor is not valid for this request","instance":"/api/v1/feed","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","errors":[{"field":"cursor","message":"is not a cursor this service issued to you"}]}""";

    private final Caller caller;
    private final FeedService feed;

    public FeedResource(Caller caller, FeedService feed) {
        this.caller = caller;
        this.feed = feed;
    }

    @GET
    @Operation(summary = "The firm feed", description = "Newest first (by the events' time, so late events land in their place); "
            + "cursor paging (?limit=&cursor=). Shows only entries the caller may see now: entries about matters the caller "
            + "cannot open are left out, security and permission entries are for administrators, details of activity "
            + "descriptions restricted to other groups are redacted. group narrows the feed to entries about matters whose "
            + "access list names one of the groups (a matter the caller is blocked from stays hidden), or about activity "
            + "descriptions restricted to one of them; without group, the caller's saved default filter applies. A cursor "
            + "continues only the group filter it was issued for. Portal contacts get 403.")
    @APIResponse(responseCode = "200", description = "A page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A bad filter, group entry (invalid-group-filter), limit or cursor (also a "
            + "cursor of another group filter)", content = @Content(mediaType = PROBLEM, examples = {
                    @ExampleObject(name = "bad filter", value = BAD_FILTER),
                    @ExampleObject(name = "malformed group", value = GroupFilterParams.INVALID_GROUP_FILTER),
                    @ExampleObject(name = "cursor of another filter", value = INVALID_CURSOR)}))
    @APIResponse(responseCode = "403", description = "A portal contact (users-only)")
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "unknown group", value = GroupFilterParams.UNKNOWN_GROUP)))
    public Uni<Page<EntryResponse>> firmFeed(@BeanParam FeedFilterParams filter, @BeanParam GroupFilterParams groups,
            @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        FeedFilter parsed = filter.filter();
        return feed.firmFeed(caller.firmId(), caller.actorId(), parsed, groups.entries(), page);
    }

    @GET
    @Path("/matters/{matterId}")
    @Operation(summary = "A matter's feed", description = "Every entry about the matter the caller may see, newest first. "
            + "A matter the caller cannot open now, or another firm's, is a 404. group (or the caller's saved default) "
            + "applies as on the firm feed: a matter whose list names none of the groups has an empty page.")
    @APIResponse(responseCode = "200", description = "A page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A bad filter, group entry, limit or cursor", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "malformed group", value = GroupFilterParams.INVALID_GROUP_FILTER)))
    @APIResponse(responseCode = "404", description = "No such matter, or the caller cannot see it; or group names a group the firm "
            + "does not have", content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "unknown group", value = GroupFilterParams.UNKNOWN_GROUP)))
    public Uni<Page<EntryResponse>> matterFeed(@PathParam("matterId") UUID matterId, @BeanParam FeedFilterParams filter,
            @BeanParam GroupFilterParams groups, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        FeedFilter parsed = filter.filter();
        return feed.matterFeed(caller.firmId(), caller.actorId(), matterId, parsed, groups.entries(), page);
    }

    @GET
    @Path("/objects/{objectType}/{objectId}")
    @Operation(summary = "An object's history", description = "Every entry about one object (\"who changed this document\"), "
            + "newest first. An object with no entry the caller may see is a 404.")
    @APIResponse(responseCode = "200", description = "A page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A bad object type or id, filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "No visible entry about this object")
    public Uni<Page<EntryResponse>> objectHistory(@PathParam("objectType") String objectType, @PathParam("objectId") String objectId,
            @BeanParam FeedFilterParams filter, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        FeedFilter object = FeedFilter.parse(null, null, objectType, objectId, null, null, null, null);
        FeedFilter parsed = filter.filter();
        return feed.objectHistory(caller.firmId(), caller.actorId(), object.objectType(), object.objectId(), parsed, page);
    }

    @GET
    @Path("/users/{userId}")
    @Operation(summary = "What one user did", description = "The entries whose actor is the user, newest first, with the same "
            + "visibility as the firm feed. Another firm's user is a 404.")
    @APIResponse(responseCode = "200", description = "A page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "No such user in the caller's firm")
    public Uni<Page<EntryResponse>> actorFeed(@PathParam("userId") UUID userId, @BeanParam FeedFilterParams filter,
            @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        FeedFilter parsed = filter.filter();
        return feed.actorFeed(caller.firmId(), caller.actorId(), userId, parsed, page);
    }
}
