package dev.lexguard.feed.reading;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The {@code group} query parameter of the firm and matter feeds, the stream and exports (issue 19). */
public class GroupFilterParams {

    static final String DESCRIPTION = "Repeatable. A group id of the firm, or mine (the caller's groups): only entries about a "
            + "matter whose access list names one of them, or about an activity description restricted to one of them. all: no "
            + "filter, not even the caller's saved default (GET /api/v1/groups/default-filter in permissions-service), which "
            + "applies when no group is given. Never shows more than the caller may see without it. At most 50.";
    static final String INVALID_GROUP_FILTER = """
            {"type":"https://lexguard.dev/problems/invalid-group-filter","title":"Bad request","status":400,"detail":"The group filter is not valid","instance":"/api/v1/feed","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e","errors":[{"field":"group","message":"must be a group id or mine or all"}]}""";
    static final String UNKNOWN_GROUP = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"The filter names a group this firm does not have","instance":"/api/v1/feed","requestId":"4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e"}""";

    @QueryParam("group")
    @Parameter(description = DESCRIPTION, examples = {
            @ExampleObject(name = "one group", value = "5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23"),
            @ExampleObject(name = "the caller's groups", value = "mine"),
            @ExampleObject(name = "no filter", value = "all")})
    List<String> group;

    public List<String> entries() {
        return group == null ? List.of() : group;
    }
}
