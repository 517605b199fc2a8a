package dev.lexguard.mailer;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * identity-service's internal API that mints the single-use link of an invitation or a reset when the mailer asks,
 * once: the link exists only in this answer and the mail (never in an event, a log or the mailer's database).
 */
@RegisterRestClient(configKey = "identity")
@Path("/internal/v1/mail-links")
@Produces(MediaType.APPLICATION_JSON)
public interface IdentityLinks {

    /** The link, the address identity has for it, and when it expires. */
    record IssuedLink(String link, String email, String expiresAt) {
    }

    @POST
    @Path("/{kind}/{id}")
    Uni<IssuedLink> mint(@PathParam("kind") String kind, @PathParam("id") UUID id, @HeaderParam("X-Mailer-Key") String key);
}
