package dev.lexguard.identity.users;

import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Tag(name = "Users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final UserService users;
    private final Caller caller;

    public MeResource(UserService users, Caller caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "me", value = """
                    {"id":"cdba682f-99c5-4e72-b35b-9cec60f45e73","email":"ada@harbourlane.example","displayName":"Ada Okafor","status":"active","owner":true,"permissions":["administrator"],"createdAt":"2026-11-29T19:02:11.120Z"}""")))
    public Uni<UserResponse> me() {
        caller.requireUser();
        return users.show(caller.firmId(), caller.actorId());
    }
}
