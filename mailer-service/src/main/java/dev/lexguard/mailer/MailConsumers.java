package dev.lexguard.mailer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events that call for a mail, and identity's events that say where mail goes. Each event is handled once
 * ({@link IdempotentConsumer}: the mail is sent and recorded in the transaction that marks the event consumed).
 */
@ApplicationScoped
public class MailConsumers {

    private final IdempotentConsumer consumer;
    private final MailService mail;
    private final Directory directory;

    public MailConsumers(IdempotentConsumer consumer, MailService mail, Directory directory) {
        this.consumer = consumer;
        this.mail = mail;
        this.directory = directory;
    }

    @Incoming("identity-events")
    public Uni<Void> identity(ConsumerRecord<String, String> record) {
        return consumer.consume("mailer-identity", record, this::identityEvent);
    }

    @Incoming("sessions-events")
    public Uni<Void> sessions(ConsumerRecord<String, String> record) {
        return consumer.consume("mailer-sessions", record, event -> "dev.lexguard.sessions.signin.unusual".equals(event.type())
                ? mail.unusualSignIn(event) : Uni.createFrom().voidItem());
    }

    @Incoming("sharing-events")
    public Uni<Void> sharing(ConsumerRecord<String, String> record) {
        return consumer.consume("mailer-sharing", record, event -> switch (event.type()) {
            case "dev.lexguard.sharing.share.expiring" -> mail.shareExpiring(event);
            case "dev.lexguard.sharing.review.due" -> mail.shareReview(event, MailKind.SHARE_REVIEW);
            case "dev.lexguard.sharing.review.overdue" -> mail.shareReview(event, MailKind.SHARE_REVIEW_OVERDUE);
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("feed-events")
    public Uni<Void> feed(ConsumerRecord<String, String> record) {
        return consumer.consume("mailer-feed", record, event -> switch (event.type()) {
            case "dev.lexguard.feed.review.due" -> mail.feedReview(event, MailKind.FEED_REVIEW);
            case "dev.lexguard.feed.review.overdue" -> mail.feedReview(event, MailKind.FEED_REVIEW_OVERDUE);
            default -> Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> identityEvent(CloudEvent event) {
        JsonNode data = event.data();
        return switch (event.type()) {
            case "dev.lexguard.identity.firm.created" -> directory.firm(event.firmId(), data.path("name").asText());
            case "dev.lexguard.identity.user.created" -> directory.person(event.firmId(), MailService.uuid(data, "userId"), "user",
                    data.path("email").asText(), data.path("displayName").asText(null));
            case "dev.lexguard.identity.user.invited" -> directory.person(event.firmId(), MailService.uuid(data, "userId"), "user",
                    data.path("email").asText(), null).chain(() -> mail.invitation(event));
            case "dev.lexguard.identity.password.resetRequested" -> mail.passwordReset(event);
            case "dev.lexguard.identity.portal.invited" -> directory.person(event.firmId(), MailService.uuid(data, "accountId"),
                    "contact", data.path("email").asText(), data.path("name").asText(null)).chain(() -> mail.portalInvitation(event));
            case "dev.lexguard.identity.portal.passwordResetRequested" -> mail.portalPasswordReset(event);
            case "dev.lexguard.identity.signup.emailInUse" -> mail.emailInUse(event);
            default -> Uni.createFrom().voidItem();
        };
    }
}
