package dev.lexguard.mailer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** What each event that calls for a mail becomes: whom it goes to, what it says, and the link it carries. */
@ApplicationScoped
public class MailService {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, String> REASONS = Map.of(
            "new_device", "a device or browser not seen before",
            "new_country", "a country not seen before",
            "new_network", "a network not seen before",
            "impossible_travel", "too far from your previous sign-in for the time between them");

    private final Directory directory;
    private final Postman postman;
    private final IdentityLinks identity;
    private final MailerConfig config;

    public MailService(Directory directory, Postman postman, @RestClient IdentityLinks identity, MailerConfig config) {
        this.directory = directory;
        this.postman = postman;
        this.identity = identity;
        this.config = config;
    }

    /** A firm user's invitation ({@code user.invited}): the link to set a password. */
    public Uni<Void> invitation(CloudEvent event) {
        JsonNode data = event.data();
        UUID userId = uuid(data, "userId");
        return withFirmAndInviter(event, data.path("invitedBy").asText(null)).chain(values -> linkMail(event,
                MailKind.INVITATION, "invitations", uuid(data, "invitationId"), userId, values));
    }

    /** A firm user's password reset ({@code password.resetRequested}). */
    public Uni<Void> passwordReset(CloudEvent event) {
        JsonNode data = event.data();
        return withFirmAndInviter(event, null).chain(values -> linkMail(event, MailKind.PASSWORD_RESET, "password-resets",
                uuid(data, "resetId"), uuid(data, "userId"), values));
    }

    /** A client's (or co-counsel's) portal invitation ({@code portal.invited}). */
    public Uni<Void> portalInvitation(CloudEvent event) {
        JsonNode data = event.data();
        return withFirmAndInviter(event, data.path("invitedBy").asText(null)).chain(values -> {
            values.put("name", data.path("name").asText(""));
            return linkMail(event, MailKind.PORTAL_INVITATION, "portal-invitations", uuid(data, "invitationId"),
                    uuid(data, "accountId"), values);
        });
    }

    /** A portal contact's password reset ({@code portal.passwordResetRequested}). */
    public Uni<Void> portalPasswordReset(CloudEvent event) {
        JsonNode data = event.data();
        return withFirmAndInviter(event, null).chain(values -> linkMail(event, MailKind.PORTAL_PASSWORD_RESET,
                "portal-password-resets", uuid(data, "resetId"), uuid(data, "accountId"), values));
    }

    /** Someone signed up with the address of an existing user ({@code signup.emailInUse}): the owner of it is told. */
    public Uni<Void> emailInUse(CloudEvent event) {
        JsonNode data = event.data();
        Map<String, Object> values = new HashMap<>();
        values.put("when", WHEN.format(event.time()));
        return postman.send(event, MailKind.EMAIL_IN_USE, uuid(data, "userId"), data.path("email").asText(), values, false);
    }

    /** sessions-service found a sign-in unusual ({@code signin.unusual}): the person who signed in is told. */
    public Uni<Void> unusualSignIn(CloudEvent event) {
        JsonNode data = event.data();
        return directory.firmName(event.firmId()).chain(firm -> {
            Map<String, Object> values = new HashMap<>();
            values.put("firm", firm);
            values.put("when", WHEN.format(time(data.path("signedInAt").asText(null), event.time())));
            values.put("ip", data.path("clientIp").asText());
            values.put("place", place(data.path("location")));
            values.put("device", device(data.path("device")));
            List<String> reasons = new ArrayList<>();
            data.path("reasons").forEach(reason -> reasons.add(REASONS.getOrDefault(reason.asText(), reason.asText())));
            values.put("reasons", reasons);
            return toPerson(event, MailKind.UNUSUAL_SIGN_IN, uuid(data, "userId"), values);
        });
    }

    /** A share is about to expire ({@code share.expiring}): the person who shared it gets the one-click extend link. */
    public Uni<Void> shareExpiring(CloudEvent event) {
        JsonNode data = event.data();
        Map<String, Object> values = new HashMap<>();
        values.put("title", data.path("title").asText());
        values.put("days", data.path("daysLeft").asInt());
        values.put("expires", WHEN.format(time(data.path("expiresAt").asText(null), event.time())));
        values.put("shareUrl", data.path("shareUrl").asText(""));
        values.put("extendUrl", data.path("extendUrl").asText(""));
        return toPerson(event, MailKind.SHARE_EXPIRING, uuid(data, "sharedBy"), values);
    }

    /** A share is due (or overdue) for its periodic review ({@code review.due}, {@code review.overdue}): to the sharer. */
    public Uni<Void> shareReview(CloudEvent event, MailKind kind) {
        JsonNode data = event.data();
        Map<String, Object> values = new HashMap<>();
        values.put("title", data.path("title").asText());
        values.put("since", WHEN.format(time(data.path("nextReviewAt").asText(null), event.time())));
        values.put("expires", WHEN.format(time(data.path("expiresAt").asText(null), event.time())));
        return toPerson(event, kind, uuid(data, "sharedBy"), values);
    }

    /**
     * The firm feed's review is due (or overdue): to each reviewer the event names (the firm's administrators when it
     * named none of its own), one mail and one delivery each.
     */
    public Uni<Void> feedReview(CloudEvent event, MailKind kind) {
        JsonNode data = event.data();
        List<UUID> reviewers = new ArrayList<>();
        data.path("reviewers").forEach(reviewer -> reviewers.add(UUID.fromString(reviewer.asText())));
        return directory.firmName(event.firmId()).chain(firm -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UUID reviewer : reviewers) {
                Map<String, Object> values = new HashMap<>();
                values.put("firm", firm);
                values.put("from", WHEN.format(time(data.path("periodStart").asText(null), event.time())));
                values.put("due", WHEN.format(time(data.path("dueAt").asText(null), event.time())));
                values.put("interval", data.path("interval").asText());
                all = all.chain(() -> toPerson(event, kind, reviewer, values));
            }
            return all;
        });
    }

    /**
     * Mails {@code kind} to a person of the firm at the address the directory knows, with their name added to
     * {@code values}; nobody known by that id: recorded as skipped, nothing sent.
     */
    private Uni<Void> toPerson(CloudEvent event, MailKind kind, UUID person, Map<String, Object> values) {
        return directory.recipient(event.firmId(), person).chain(recipient -> {
            if (recipient.isEmpty()) {
                return postman.skipped(event, kind, person, "skipped", "no address known for the recipient");
            }
            values.put("name", Optional.ofNullable(recipient.get().displayName()).orElse(""));
            return postman.send(event, kind, person, recipient.get().email(), values, false);
        });
    }

    /**
     * Mints the single-use link at identity-service and mails it to the address identity gives with it. identity
     * answers 404 for a link nobody needs any more (accepted, revoked, expired): nothing is sent. 409 means the link
     * was already minted (a crash between the mint and the mail): it cannot be minted again, so the mail fails and
     * the person asks again (a new invitation or reset).
     */
    private Uni<Void> linkMail(CloudEvent event, MailKind kind, String linkKind, UUID linkId, UUID recipientId,
            Map<String, Object> values) {
        Optional<String> key = config.identityKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            return postman.skipped(event, kind, recipientId, "failed", "lexguard.mailer.identity-key is not set");
        }
        return identity.mint(linkKind, linkId, key.get())
                .onItem().transformToUni(issued -> {
                    values.put("link", issued.link());
                    values.put("expires", WHEN.format(time(issued.expiresAt(), event.time())));
                    return postman.send(event, kind, recipientId, issued.email(), values, true);
                })
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    if (status == 404) {
                        return postman.skipped(event, kind, recipientId, "skipped", "identity-service has no such link any more");
                    }
                    if (status == 409) {
                        return postman.skipped(event, kind, recipientId, "failed", "the link was already minted");
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private Uni<Map<String, Object>> withFirmAndInviter(CloudEvent event, String inviter) {
        Uni<Optional<Directory.Recipient>> by = inviter == null ? Uni.createFrom().item(Optional.empty())
                : directory.recipient(event.firmId(), UUID.fromString(inviter));
        return directory.firmName(event.firmId()).chain(firm -> by.map(person -> {
            Map<String, Object> values = new HashMap<>();
            values.put("firm", firm);
            values.put("inviter", person.map(Directory.Recipient::displayName).orElse("An administrator"));
            return values;
        }));
    }

    private static String place(JsonNode location) {
        return joined(location, List.of("city", "country"), ", ", "an unknown place");
    }

    private static String device(JsonNode device) {
        return joined(device, List.of("browser", "os"), " on ", "an unknown device");
    }

    /** The non-empty values of {@code fields}, joined, or {@code unknown} when there are none. */
    private static String joined(JsonNode object, List<String> fields, String separator, String unknown) {
        List<String> parts = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = object.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                parts.add(value.asText());
            }
        }
        return parts.isEmpty() ? unknown : String.join(separator, parts);
    }

    private static Instant time(String value, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.path(field).asText());
    }
}
