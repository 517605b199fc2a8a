package dev.lexguard.sessions.signin;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.sessions.ListFilter;
import dev.lexguard.sessions.ListQuery;
import dev.lexguard.sessions.Positions;
import dev.lexguard.sessions.session.Requester;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sign-ins")
@Tag(name = "Sign-in history")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

    static final String PAGE = """
            {"items":[{"id":"4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f","userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73",\
            "actorType":"user","email":null,"outcome":"succeeded","failureReason":null,\
            "sessionId":"9329eed0-2551-4211-ae2f-093dca32a35c","clientIp":"175.16.199.0","device":{"userAgent":null,\
            "browser":null,"os":null,"deviceType":null,"mobileDeviceId":null},"location":{"countryCode":"CN","country":"China",\
            "city":"Changchun","latitude":43.88,"longitude":125.3228,"asn":null,"network":null},"unusual":true,\
            "unusualReasons":["impossible_travel"],"speedKmh":48626.4,"occurredAt":"2026-11-29T19:30:00Z"},\
            {"id":"0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b","userId":"cdba682f-99c5-4e72-b35b-9cec60f45e73","actorType":"user",\
            "email":"bea@firm.example","outcome":"failed","failureReason":"wrong_password","sessionId":null,\
            "clientIp":"81.2.69.142","device":{"userAgent":null,"browser":null,"os":null,"deviceType":null,"mobileDeviceId":null},\
            "location":{"countryCode":"GB","country":"United Kingdom","city":"London","latitude":51.5142,"longitude":-0.0931,\
            "asn":null,"network":null},"unusual":false,"unusualReasons":[],"speedKmh":null,"occurredAt":"2026-11-29T19:19:00Z"}],\
            "nextCursor":null}""";
    private static final Set<String> OUTCOMES = Set.of("succeeded", "failed");
    private static final String AT = "at";

    private final Caller caller;
    private final SignInService signIns;
    private final CursorCodec cursors;

    public SignInResource(Caller caller, SignInService signIns, CursorCodec cursors) {
        this.caller = caller;
        this.signIns = signIns;
        this.cursors = cursors;
    }

    @GET
    @Operation(summary = "The firm's sign-in history (administrators)",
            description = "Successes and failures with their reason, newest first, cursor paged. Filters as for sessions "
                    + "(userId, actorType, ip address or CIDR, country, unusual, from/to) plus outcome (succeeded or failed). "
                    + "Failures naming no known account are not part of any firm's history.")
    @APIResponse(responseCode = "200", description = "A page of sign-ins", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A malformed filter, limit or cursor")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Page<SignInResponse>> list(@BeanParam ListQuery query,
            @Parameter(description = "succeeded or failed", example = "failed") @QueryParam("outcome") String outcome,
            @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        caller.requirePermission(Requester.ADMINISTRATOR);
        return page(query.toFilter("outcome", outcome, OUTCOMES), page);
    }

    @GET
    @Path("/mine")
    @Operation(summary = "My sign-in history",
            description = "The caller's own successes and failures, newest first, cursor paged; optional outcome.")
    @APIResponse(responseCode = "200", description = "A page of sign-ins", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", description = "A malformed outcome, limit or cursor")
    public Uni<Page<SignInResponse>> mine(
            @Parameter(description = "succeeded or failed", example = "failed") @QueryParam("outcome") String outcome,
            @Valid @BeanParam PageRequest page) {
        Requester requester = Requester.of(caller);
        return page(new ListQuery().toFilter("outcome", outcome, OUTCOMES).forActor(requester.actorId(), requester.kind()), page);
    }

    private Uni<Page<SignInResponse>> page(ListFilter filter, PageRequest page) {
        UUID firm = caller.firmId();
        SignInRepository.Position after = Positions.read(cursors.position(firm, page), AT, SignInRepository.Position::new);
        return signIns.page(firm, filter, after, page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(), s -> Positions.of(AT, s.occurredAt(), s.id())));
    }
}
