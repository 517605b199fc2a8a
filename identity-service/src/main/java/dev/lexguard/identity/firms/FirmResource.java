package dev.lexguard.identity.firms;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/firms")
@Tag(name = "Firms")
@Produces(MediaType.APPLICATION_JSON)
public class FirmResource {

    static final String SIGN_UP_EXAMPLE = """
            {"firmName":"Harbour & Lane LLP","ownerName":"Ada Okafor","ownerEmail":"ada@harbourlane.example","password":"tide clock harbour lantern"}""";
    static final String SIGNED_UP_EXAMPLE = """
            {"firm":{"id":"6f1c2a10-8c1e-4a53-9a55-2f1e0c7d9b10","name":"Harbour & Lane LLP","createdAt":"2026-11-29T19:02:11.120Z"},"owner":{"id":"cdba682f-99c5-4e72-b35b-9cec60f45e73","email":"ada@harbourlane.example","displayName":"Ada Okafor","status":"active","owner":true,"permissions":["administrator"],"createdAt":"2026-11-29T19:02:11.120Z"}}""";

    private final FirmService firms;
    private final Caller caller;

    public FirmResource(FirmService firms, Caller caller) {
        this.firms = firms;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign up: create a firm and its owner",
            description = "The owner is the firm's first administrator and can sign in at once. Email addresses are "
                    + "normalised (NFC, trimmed, lower-case) and unique across firms: an address that already has an account "
                    + "gets the same 201 and body shape, nothing is created, and its owner is told by mail (event "
                    + "`signup.emailInUse`), so sign-up does not reveal who has an account. The password must have 12 to 256 "
                    + "characters and be none of the most common passwords, nor contain the owner's email or name.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "sign-up", value = SIGN_UP_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The firm and its owner",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "signed up", value = SIGNED_UP_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid field or a weak password",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "weak password",
                    value = """
                            {"type":"https://lexguard.dev/problems/weak-password","title":"Bad request","status":400,"detail":"The password does not meet the password rules","instance":"/api/v1/firms","requestId":"4f0c1a6e-2f39-4d49-8d7a-1a2b3c4d5e6f","errors":[{"field":"password","message":"is one of the most commonly used passwords"}]}""")))
    public Uni<Response> signUp(@Valid @NotNull SignUpRequest request) {
        return firms.signUp(request).map(created -> Response
                .created(URI.create("/api/v1/firms/" + created.firm().id()))
                .entity(created).build());
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Read the caller's firm", description = "Any other firm's id answers 404.")
    @APIResponse(responseCode = "200", description = "The firm", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "firm", value = """
                    {"id":"6f1c2a10-8c1e-4a53-9a55-2f1e0c7d9b10","name":"Harbour & Lane LLP","createdAt":"2026-11-29T19:02:11.120Z"}""")))
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    public Uni<FirmResponse> read(@PathParam("id") UUID id) {
        if (!id.equals(caller.firmId())) {
            throw new NotFoundProblem();
        }
        return firms.find(id).map(firm -> {
            if (firm == null) {
                throw new NotFoundProblem();
            }
            return FirmResponse.of(firm);
        });
    }
}
