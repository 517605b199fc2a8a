package dev.lexguard.identity.mail;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.passwords.PasswordService;
import dev.lexguard.identity.portal.PortalAccountService;
import dev.lexguard.identity.portal.PortalPasswordResetService;
import dev.lexguard.identity.users.IssuedLink;
import dev.lexguard.identity.users.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where the firm's mailer turns an event into a mail. Events carry only ids; the mailer presents its key and
 * gets the one-time link, minted at that moment and handed out once. So no link or token is ever in Kafka,
 * in the outbox or in logs, and a leaked event cannot be replayed into a password reset. Internal: not under
 * {@code /api/v1}, so the gateway never routes it from outside.
 */
@Path("/internal/v1/mail-links")
@Tag(name = "Mailer (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class MailLinkResource {

    static final String LINK_EXAMPLE = """
            {"link":"https://app.lexguard.dev/password-reset/lgp_x8Jd0Kq1VZrN2mWcA4bT7yHs3LuE6fGpQi9oRkXw5Dn","email":"ada@harbourlane.example","expiresAt":"2026-11-29T19:40:00.000Z"}""";

    private final UserService users;
    private final PasswordService passwords;
    private final PortalAccountService portal;
    private final PortalPasswordResetService portalResets;
    private final IdentityConfig config;

    public MailLinkResource(UserService users, PasswordService passwords, PortalAccountService portal,
            PortalPasswordResetService portalResets, IdentityConfig config) {
        this.users = users;
        this.passwords = passwords;
        this.portal = portal;
        this.portalResets = portalResets;
        this.config = config;
    }

    @POST
    @Path("/invitations/{invitationId}")
    @Operation(summary = "Mint the one-time link of an invitation (mailer only)",
            description = "For the `invitationId` of `dev.lexguard.identity.user.invited`. Works once per invitation.")
    @APIResponse(responseCode = "200", description = "The link to mail", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "link", value = """
                    {"link":"https://app.lexguard.dev/invitations/lgi_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","email":"ben@harbourlane.example","expiresAt":"2026-12-06T19:10:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mailer-Key")
    @APIResponse(responseCode = "404", description = "Unknown, accepted, revoked or expired invitation")
    @APIResponse(responseCode = "409", description = "The link was already issued")
    public Uni<Response> invitationLink(@PathParam("invitationId") UUID invitationId,
            @HeaderParam("X-Mailer-Key") String key) {
        requireMailer(key);
        return users.issueInvitationLink(invitationId).map(MailLinkResource::noStore);
    }

    @POST
    @Path("/password-resets/{resetId}")
    @Operation(summary = "Mint the one-time link of a password reset (mailer only)",
            description = "For the `resetId` of `dev.lexguard.identity.password.resetRequested`. Works once per reset.")
    @APIResponse(responseCode = "200", description = "The link to mail", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "link", value = LINK_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mailer-Key")
    @APIResponse(responseCode = "404", description = "Unknown, used or expired reset")
    @APIResponse(responseCode = "409", description = "The link was already issued")
    public Uni<Response> resetLink(@PathParam("resetId") UUID resetId, @HeaderParam("X-Mailer-Key") String key) {
        requireMailer(key);
        return passwords.issueResetLink(resetId).map(MailLinkResource::noStore);
    }

    @POST
    @Path("/portal-invitations/{invitationId}")
    @Operation(summary = "Mint the one-time link of a client-portal invitation (mailer only)",
            description = "For the `invitationId` of `dev.lexguard.identity.portal.invited`. Works once per invitation.")
    @APIResponse(responseCode = "200", description = "The link to mail", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "link", value = """
                    {"link":"https://portal.lexguard.dev/invitations/lgpi_3q2-7wQm4n8ZkVt1pXoA0bJ9sL6cR5eYfGhU2iDwNxk","email":"casey@client.example","expiresAt":"2026-12-07T10:00:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mailer-Key")
    @APIResponse(responseCode = "404", description = "Unknown, accepted, superseded or expired invitation")
    @APIResponse(responseCode = "409", description = "The link was already issued")
    public Uni<Response> portalInvitationLink(@PathParam("invitationId") UUID invitationId,
            @HeaderParam("X-Mailer-Key") String key) {
        requireMailer(key);
        return portal.issueInvitationLink(invitationId).map(MailLinkResource::noStore);
    }

    @POST
    @Path("/portal-password-resets/{resetId}")
    @Operation(summary = "Mint the one-time link of a client-portal password reset (mailer only)",
            description = "For the `resetId` of `dev.lexguard.identity.portal.passwordResetRequested`. Works once per reset.")
    @APIResponse(responseCode = "200", description = "The link to mail", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "link", value = """
                    {"link":"https://portal.lexguard.dev/password-reset/lgpp_x8Jd0Kq1VZrN2mWcA4bT7yHs3LuE6fGpQi9oRkXw5Dn","email":"casey@client.example","expiresAt":"2026-11-30T10:30:00.000Z"}""")))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mailer-Key")
    @APIResponse(responseCode = "404", description = "Unknown, used, retired or expired reset")
    @APIResponse(responseCode = "409", description = "The link was already issued")
    public Uni<Response> portalResetLink(@PathParam("resetId") UUID resetId, @HeaderParam("X-Mailer-Key") String key) {
        requireMailer(key);
        return portalResets.issueResetLink(resetId).map(MailLinkResource::noStore);
    }

    private void requireMailer(String presented) {
        String expected = config.mailer().apiKey().orElse(null);
        boolean ok = expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new AuthenticationProblem("invalid-mailer-key", "Unauthorized", "A valid X-Mailer-Key is required");
        }
    }

    private static Response noStore(IssuedLink link) {
        return Response.ok(link).header("Cache-Control", "no-store").build();
    }
}
