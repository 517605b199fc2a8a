package dev.lexguard.feed.reading;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * An export's filter: the feed's, and a time range it cannot do without ({@link ExportResource} answers 400
 * {@code invalid-range} naming a missing end; the document says so).
 */
public class ExportFilterParams extends FeedSubjectParams {

    @QueryParam("from")
    @Parameter(required = true, description = "entries at or after this time (ISO-8601 with offset); required for an export",
            example = "2026-11-01T00:00:00Z")
    String from;

    @QueryParam("to")
    @Parameter(required = true, description = "entries before this time (ISO-8601 with offset, exclusive; at most 366 days after "
            + "from); required for an export", example = "2026-12-01T00:00:00Z")
    String to;

    public FeedFilter filter() {
        return filter(from, to);
    }
}
