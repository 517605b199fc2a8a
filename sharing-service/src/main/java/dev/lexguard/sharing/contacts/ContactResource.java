package dev.lexguard.sharing.contacts;

import static dev.lexguard.sharing.shares.ShareExamples.CSV;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_CSV;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_PAGE;
import static dev.lexguard.sharing.shares.ShareExamples.SUMMARY;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.sharing.contactrecords.ContactKind;
import dev.lexguard.sharing.shares.ShareCsv;
import dev.lexguard.sharing.shares.ShareFilter;
import dev.lexguard.sharing.shares.ShareFilterParams;
import dev.lexguard.sharing.shares.ShareResponse;
import dev.lexguard.sharing.shares.ShareService;
import dev.lexguard.sharing.shares.ShareSummary;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Firm users' contact API (token audience lexguard-api only). */
@Path("/api/v1/contacts")
@Tag(name = "Contacts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    static final String CONTACT_REQUEST = """
            {"name":"Casey Client","email":"casey@client.example","kind":"client"}""";
    static final String CONTACT = """
            {"id":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","name":"Casey Client","email":"casey@client.example","kind":"client","source":"api","createdAt":"2026-11-29T21:00:00.123456Z","updatedAt":"2026-11-29T21:00:00.123456Z","portalAccessRequestedAt":null}""";

    private final Caller caller;
    private final ContactService contacts;
    private final ShareService shares;
    private final CursorCodec cursors;

    public ContactResource(Caller caller, ContactService contacts, ShareService shares, CursorCodec cursors) {
        this.caller = caller;
        this.contacts = contacts;
        this.shares = shares;
        this.cursors = cursors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact", description = "kind: client, co-counsel, expert or other. Contacts also arrive from the "
            + "practice-management core's dev.lexguard.activity.contact.* events.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "contact", value = CONTACT_REQUEST)))
    @APIResponse(responseCode = "201", description = "The contact", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "contact", value = CONTACT)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    public Uni<Response> create(@Valid @NotNull ContactRequest request) {
        caller.requireUser();
        return contacts.create(caller.firmId(), request)
                .map(c -> Response.created(URI.create("/api/v1/contacts/" + c.id())).entity(c).build());
    }

    @GET
    @Operation(summary = "List the firm's contacts", description = "By name; optionally of one kind; cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of contacts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + CONTACT + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Unknown kind (invalid-filter) or a bad cursor")
    public Uni<Page<ContactResponse>> list(@Parameter(description = "client, co-counsel, expert or other") @QueryParam("kind") String kind,
            @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        if (kind != null && ContactKind.parse(kind).isEmpty()) {
            throw new BadRequestProblem("invalid-filter", "A filter has a value of the wrong type or format",
                    List.of(new FieldError("kind", "must be one of client, co-counsel, expert, other")));
        }
        UUID firm = caller.firmId();
        return contacts.page(firm, kind, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), c -> Map.of("name", c.name(), "id", c.id().toString())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a contact")
    @APIResponse(responseCode = "200", description = "The contact", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "contact", value = CONTACT)))
    @APIResponse(responseCode = "404", description = "Not found, deleted or not yours")
    public Uni<ContactResponse> read(@PathParam("id") UUID id) {
        caller.requireUser();
        return contacts.read(caller.firmId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a contact's name, email or kind")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "contact", value = CONTACT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The contact", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "contact", value = CONTACT)))
    @APIResponse(responseCode = "404", description = "Not found, deleted or not yours")
    public Uni<ContactResponse> update(@PathParam("id") UUID id, @Valid @NotNull ContactRequest request) {
        caller.requireUser();
        return contacts.update(caller.firmId(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a contact", description = "Administrators only. Every share with the contact is revoked in the same "
            + "transaction (dev.lexguard.sharing.share.revoked with cause contact-deleted for each).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found, already deleted or not yours")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        caller.requireUser();
        return contacts.delete(caller.firmId(), caller.actorId(), id).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/shares")
    @Operation(summary = "Everything shared with one contact", description = "Administrators only; the same filters (contactId is "
            + "fixed by the path) and paging as GET /api/v1/shares. Deleted contacts' shares stay listed.")
    @APIResponse(responseCode = "200", description = "A page of shares", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = SHARE_PAGE)))
    @APIResponse(responseCode = "404", description = "Not a contact of the firm")
    public Uni<Page<ShareResponse>> shares(@PathParam("id") UUID id, @BeanParam ShareFilterParams filters, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        ShareFilter filter = filters.parse().withContact(id);
        return shares.requireContact(firm, id)
                .chain(() -> shares.page(firm, caller.actorId(), filter, cursors.position(firm, page), page.limit() + 1))
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        s -> Map.of("createdAt", s.createdAt().toString(), "id", s.id().toString())));
    }

    @GET
    @Path("/{id}/shares/summary")
    @Operation(summary = "Counts over one contact's shares", description = "Administrators only.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "summary", value = SUMMARY)))
    @APIResponse(responseCode = "404", description = "Not a contact of the firm")
    public Uni<ShareSummary> summary(@PathParam("id") UUID id, @BeanParam ShareFilterParams filters) {
        caller.requireUser();
        ShareFilter filter = filters.parse().withContact(id);
        return shares.requireContact(caller.firmId(), id).chain(() -> shares.summary(caller.firmId(), caller.actorId(), filter));
    }

    @GET
    @Path("/{id}/shares/export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Export one contact's shares as CSV", description = "Administrators only.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv",
            value = SHARE_CSV)))
    @APIResponse(responseCode = "404", description = "Not a contact of the firm")
    public Uni<Response> export(@PathParam("id") UUID id, @BeanParam ShareFilterParams filters) {
        caller.requireUser();
        ShareFilter filter = filters.parse().withContact(id);
        return shares.requireContact(caller.firmId(), id)
                .chain(() -> shares.export(caller.firmId(), caller.actorId(), filter))
                .map(rows -> Response.ok(ShareCsv.write(rows), CSV + ";charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"contact-" + id + "-shares.csv\"").build());
    }
}
