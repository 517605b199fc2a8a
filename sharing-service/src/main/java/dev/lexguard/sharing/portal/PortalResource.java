package dev.lexguard.sharing.portal;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The client portal: portal contacts' tokens only (audience lexguard-portal). A firm user's token is a 403
 * {@code contacts-only} here, as a contact's token is a 403 {@code users-only} on the firm paths.
 */
@Path("/api/v1/portal/shares")
@Tag(name = "Portal")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PortalResource {

    static final int MAX_USER_AGENT = 500;
    static final String SHARE = """
            {"id":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","accessLevel":"view","message":"Please review and sign.","sharedAt":"2026-11-29T21:00:00.123456Z","expiresAt":"2027-05-31T00:00:00Z"}""";

    private final Caller caller;
    private final PortalService portal;
    private final CursorCodec cursors;

    public PortalResource(Caller caller, PortalService portal, CursorCodec cursors) {
        this.caller = caller;
        this.portal = portal;
        this.cursors = cursors;
    }

    @GET
    @Operation(summary = "The signed-in contact's active shares", description = "Portal tokens only. Newest first; cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of shares", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + SHARE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "403", description = "Not a portal contact's token (contacts-only)")
    public Uni<Page<PortalShareResponse>> list(@Valid @BeanParam PageRequest page) {
        requireContact();
        UUID firm = caller.firmId();
        return portal.page(firm, caller.actorId(), cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        s -> Map.of("createdAt", s.sharedAt().toString(), "id", s.id().toString())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Open a share", description = "Portal tokens only. Records the open (time, client IP, user agent) and "
            + "publishes dev.lexguard.sharing.share.opened. A revoked or expired share, or another contact's, is a 404.")
    @APIResponse(responseCode = "200", description = "The share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "403", description = "Not a portal contact's token (contacts-only)")
    @APIResponse(responseCode = "404", description = "Not found, revoked, expired or not yours")
    public Uni<PortalShareResponse> open(@PathParam("id") UUID id, @Context HttpServerRequest request) {
        requireContact();
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return portal.open(caller.firmId(), caller.actorId(), id, ip, userAgent);
    }

    private void requireContact() {
        if (!caller.isContact()) {
            throw new ForbiddenProblem("contacts-only", "Only portal contacts may use the portal API");
        }
    }
}
