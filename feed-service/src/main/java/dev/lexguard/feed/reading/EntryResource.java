package dev.lexguard.feed.reading;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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

/** One entry, where links to entries lead (a feed review's digest and flagged entries). */
@Path("/api/v1/feed/entries")
@Tag(name = "Feed")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EntryResource {

    private final Caller caller;
    private final FeedQueries queries;

    public EntryResource(Caller caller, FeedQueries queries) {
        this.caller = caller;
        this.queries = queries;
    }

    @GET
    @Path("/{entryId}")
    @Operation(summary = "One entry", description = "By the same rules as the feed: an entry the caller may not see now, or another "
            + "firm's, is a 404.")
    @APIResponse(responseCode = "200", description = "The entry", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "entry", value = FeedResource.ENTRY)))
    @APIResponse(responseCode = "404", description = "No such entry, or the caller cannot see it")
    public Uni<EntryResponse> entry(@PathParam("entryId") UUID entryId) {
        caller.requireUser();
        return queries.reader(caller.firmId(), caller.actorId()).chain(reader -> queries.entry(reader, entryId))
                .onItem().ifNull().failWith(() -> new NotFoundProblem("No such entry, or you cannot see it"));
    }
}
