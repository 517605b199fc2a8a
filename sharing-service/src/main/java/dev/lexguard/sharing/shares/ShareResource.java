package dev.lexguard.sharing.shares;

import static dev.lexguard.sharing.shares.ShareExamples.CSV;
import static dev.lexguard.sharing.shares.ShareExamples.INVALID_FILTER;
import static dev.lexguard.sharing.shares.ShareExamples.PROBLEM;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_CSV;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_PAGE;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_REQUEST;
import static dev.lexguard.sharing.shares.ShareExamples.SUMMARY;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Firm users' share API (token audience lexguard-api only: {@code caller.requireUser()} on every method). */
@Path("/api/v1/shares")
@Tag(name = "Shares")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    private static final String NOT_A_VISIBLE_MATTER = "Not a matter the caller can see: another firm's, none, or one whose access "
            + "list blocks the caller (administrators included)";

    private final Caller caller;
    private final ShareService shares;
    private final CursorCodec cursors;

    public ShareResource(Caller caller, ShareService shares, CursorCodec cursors) {
        this.caller = caller;
        this.shares = shares;
        this.cursors = cursors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share a resource of a matter with a contact",
            description = "The caller must be able to see the matter now (permissions-service's rule, on this service's projection). "
                    + "resourceType: document, folder, calendar-entry, task, communication, note, bill, matter; accessLevel: view, "
                    + "download, comment, upload. Without expiresAt the firm's default for the contact's kind applies; the next "
                    + "review date follows the firm's review interval for that kind. Publishes dev.lexguard.sharing.share.created, "
                    + "and dev.lexguard.sharing.contact.portalAccessRequested on the contact's first share.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "share", value = SHARE_REQUEST)))
    @APIResponse(responseCode = "201", description = "The share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "A portal contact's token (users-only)")
    @APIResponse(responseCode = "422", description = "unknown-contact, contact-deleted, unknown-matter (also for a matter the caller "
            + "cannot see, word for word), matter-closed or expiry-in-past",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "expiry in the past", value = """
                    {"type":"https://lexguard.dev/problems/expiry-in-past","title":"Business rule violated","status":422,"detail":"expiresAt must be in the future","instance":"/api/v1/shares","requestId":"7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"}""")))
    public Uni<Response> create(@Valid @NotNull ShareRequest request) {
        caller.requireUser();
        return shares.create(caller.firmId(), caller.actorId(), request)
                .map(share -> Response.created(URI.create("/api/v1/shares/" + share.id())).entity(share).build());
    }

    @GET
    @Operation(summary = "Everything shared across the firm", description = "Administrators only. Newest first; every filter is "
            + "optional and they combine; status is as of the request (an active share past its expiry is expired). Cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of shares", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = SHARE_PAGE)))
    @APIResponse(responseCode = "400", description = "A malformed filter (invalid-filter) or cursor", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "invalid filter", value = INVALID_FILTER)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Page<ShareResponse>> list(@BeanParam ShareFilterParams filters, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        return page(filters.parse(), page);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Counts over everything shared across the firm", description = "Administrators only; the same filters as the list.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "summary", value = SUMMARY)))
    @APIResponse(responseCode = "400", description = "A malformed filter (invalid-filter)")
    public Uni<ShareSummary> summary(@BeanParam ShareFilterParams filters) {
        caller.requireUser();
        return shares.summary(caller.firmId(), caller.actorId(), filters.parse());
    }

    @GET
    @Path("/export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Export everything shared across the firm as CSV",
            description = "Administrators only; the same filters as the list, newest first, at most 10000 rows.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv",
            value = SHARE_CSV)))
    @APIResponse(responseCode = "400", description = "A malformed filter (invalid-filter)")
    public Uni<Response> export(@BeanParam ShareFilterParams filters) {
        caller.requireUser();
        return csv(filters.parse(), "shares.csv");
    }

    @GET
    @Path("/matters/{matterId}")
    @Operation(summary = "Everything shared from one matter", description = "Users who can see the matter (administrators unless it "
            + "blocks them); the "
            + "same filters (matterId is fixed by the path) and paging as the firm-wide list.")
    @APIResponse(responseCode = "200", description = "A page of shares", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = SHARE_PAGE)))
    @APIResponse(responseCode = "404", description = NOT_A_VISIBLE_MATTER)
    public Uni<Page<ShareResponse>> ofMatter(@PathParam("matterId") UUID matterId, @BeanParam ShareFilterParams filters,
            @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        return page(filters.parse().withMatter(matterId), page);
    }

    @GET
    @Path("/matters/{matterId}/summary")
    @Operation(summary = "Counts over one matter's shares")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "summary", value = SUMMARY)))
    @APIResponse(responseCode = "404", description = NOT_A_VISIBLE_MATTER)
    public Uni<ShareSummary> matterSummary(@PathParam("matterId") UUID matterId, @BeanParam ShareFilterParams filters) {
        caller.requireUser();
        return shares.summary(caller.firmId(), caller.actorId(), filters.parse().withMatter(matterId));
    }

    @GET
    @Path("/matters/{matterId}/export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Export one matter's shares as CSV")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv",
            value = SHARE_CSV)))
    @APIResponse(responseCode = "404", description = NOT_A_VISIBLE_MATTER)
    public Uni<Response> matterExport(@PathParam("matterId") UUID matterId, @BeanParam ShareFilterParams filters) {
        caller.requireUser();
        return csv(filters.parse().withMatter(matterId), "matter-" + matterId + "-shares.csv");
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a share", description = "Administrators and users who can see the share's matter.")
    @APIResponse(responseCode = "200", description = "The share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<ShareResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return shares.read(caller.firmId(), caller.actorId(), id);
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a share", description = "Administrators and users who can see the share's matter. The contact's "
            + "next portal request for it is a 404. Publishes dev.lexguard.sharing.share.revoked.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "revoke",
            value = "{\"reason\":\"Engagement ended\"}")))
    @APIResponse(responseCode = "200", description = "The revoked share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The share is already revoked or expired (share-not-active)")
    public Uni<ShareResponse> revoke(@PathParam("id") UUID id, @Valid @NotNull RevokeRequest request) {
        caller.requireUser();
        return shares.revoke(caller.firmId(), caller.actorId(), id, request.reason());
    }

    @PUT
    @Path("/{id}/expiry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Extend (or shorten) a share's expiry", description = "Administrators and users who can see the share's "
            + "matter; the new expiry must be in the future and the share active. Publishes dev.lexguard.sharing.share.extended.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "expiry",
            value = "{\"expiresAt\":\"2027-11-30T00:00:00Z\"}")))
    @APIResponse(responseCode = "200", description = "The share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "409", description = "The share is revoked or expired (share-not-active)")
    @APIResponse(responseCode = "422", description = "expiresAt is not in the future (expiry-in-past)")
    public Uni<ShareResponse> extend(@PathParam("id") UUID id, @Valid @NotNull ExtendRequest request) {
        caller.requireUser();
        return shares.extend(caller.firmId(), caller.actorId(), id, request.expiresAt().toInstant());
    }

    @POST
    @Path("/{id}/extend")
    @Operation(summary = "Extend a share (one click)", description = "Administrators and users who can see the share's matter, as "
            + "PUT /{id}/expiry. Without a body (or with {}) the share expires the default expiry of its contact's kind from now "
            + "(the firm's policy, as for a share made today); that never shortens it: 409 expiry-beyond-default when the share "
            + "already expires later. With {\"expiresAt\"} it is set exactly as PUT /{id}/expiry does. This is the link "
            + "dev.lexguard.sharing.share.expiring carries (extendUrl). Publishes dev.lexguard.sharing.share.extended.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "by the kind's default", value = "{}"),
            @ExampleObject(name = "to a date", value = "{\"expiresAt\":\"2027-11-30T00:00:00Z\"}")}))
    @APIResponse(responseCode = "200", description = "The share", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "share", value = SHARE)))
    @APIResponse(responseCode = "400", description = "A malformed body or expiresAt")
    @APIResponse(responseCode = "404", description = "Not found or not yours (also a matter whose access list blocks the caller)")
    @APIResponse(responseCode = "409", description = "The share is revoked or expired (share-not-active), or already expires after "
            + "its kind's default from now (expiry-beyond-default)", content = @Content(mediaType = PROBLEM, examples = @ExampleObject(
            name = "beyond the default", value = """
                    {"type":"https://lexguard.dev/problems/expiry-beyond-default","title":"Conflict","status":409,"detail":"The share already expires at 2028-11-30T00:00:00Z, after the default of 365 days for a client; send expiresAt to change it","instance":"/api/v1/shares/22b30f8a-b4d1-4000-b588-45ffa32206a4/extend","requestId":"3b4c5d6e-7f8a-4b9c-8d0e-1f2a3b4c5d6e"}""")))
    @APIResponse(responseCode = "422", description = "expiresAt is not in the future (expiry-in-past)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ShareResponse> extendByDefault(@PathParam("id") UUID id, ExtendByRequest request) {
        caller.requireUser();
        if (request != null && request.expiresAt() != null) {
            return shares.extend(caller.firmId(), caller.actorId(), id, request.expiresAt().toInstant());
        }
        return shares.extendByDefault(caller.firmId(), caller.actorId(), id);
    }

    /** The same request without a body and without a Content-Type (a plain one-click POST); documented with the one above. */
    @POST
    @Path("/{id}/extend")
    @Operation(hidden = true)
    public Uni<ShareResponse> extendWithoutBody(@PathParam("id") UUID id) {
        caller.requireUser();
        return shares.extendByDefault(caller.firmId(), caller.actorId(), id);
    }

    private Uni<Page<ShareResponse>> page(ShareFilter filter, PageRequest page) {
        UUID firm = caller.firmId();
        return shares.page(firm, caller.actorId(), filter, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        s -> Map.of("createdAt", s.createdAt().toString(), "id", s.id().toString())));
    }

    private Uni<Response> csv(ShareFilter filter, String fileName) {
        return shares.export(caller.firmId(), caller.actorId(), filter)
                .map(rows -> Response.ok(ShareCsv.write(rows), CSV + ";charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build());
    }
}
