package dev.lexguard.feed.reading;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter query parameters every feed view takes, with an optional time range; {@link #filter()} checks them. */
public class FeedFilterParams extends FeedSubjectParams {

    @QueryParam("from")
    @Parameter(description = "entries at or after this time (ISO-8601 with offset)", example = "2026-11-01T00:00:00Z")
    String from;

    @QueryParam("to")
    @Parameter(description = "entries before this time (ISO-8601 with offset, exclusive)", example = "2026-12-01T00:00:00Z")
    String to;

    public FeedFilter filter() {
        return filter(from, to);
    }
}
