package dev.lexguard.feed.reading;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter query parameters every feed view takes; {@link #filter()} checks them (400 naming each bad one). */
public class FeedFilterParams {

    @QueryParam("actorId")
    @Parameter(description = "only entries by this actor (a user or contact id, or 'system')")
    String actorId;

    @QueryParam("actorType")
    @Parameter(description = "user, contact or system")
    String actorType;

    @QueryParam("objectType")
    @Parameter(description = "only entries about this kind of object: matter, user, group, session, document ...")
    String objectType;

    @QueryParam("objectId")
    @Parameter(description = "only entries about this object (needs objectType)")
    String objectId;

    @QueryParam("category")
    @Parameter(description = "security, permissions, users, matters, sharing, billing, documents, activity or other")
    String category;

    @QueryParam("matterId")
    @Parameter(description = "only entries about this matter")
    String matterId;

    @QueryParam("from")
    @Parameter(description = "entries at or after this time (ISO-8601 with offset)", example = "2026-11-01T00:00:00Z")
    String from;

    @QueryParam("to")
    @Parameter(description = "entries before this time (ISO-8601 with offset, exclusive)", example = "2026-12-01T00:00:00Z")
    String to;

    public FeedFilter filter() {
        return FeedFilter.parse(actorId, actorType, objectType, objectId, category, matterId, from, to);
    }
}
