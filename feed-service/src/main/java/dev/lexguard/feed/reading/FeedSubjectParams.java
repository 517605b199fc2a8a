package dev.lexguard.feed.reading;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters that say which entries, whatever the time: who, about what, which category or matter. A feed
 * view adds an optional time range ({@link FeedFilterParams}), an export a required one ({@link ExportFilterParams}).
 */
public abstract class FeedSubjectParams {

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

    /** The filter of these parameters and the range {@code from}..{@code to}; 400 naming each bad one. */
    FeedFilter filter(String from, String to) {
        return FeedFilter.parse(actorId, actorType, objectType, objectId, category, matterId, from, to);
    }
}
