package dev.lexguard.mailer;

import dev.lexguard.platform.events.envelope.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a mail from its template and hands it to the SMTP server, a few times with a growing pause if the server
 * does not take it, and records the outcome once per event, kind and recipient ({@code mail_delivery}): never the link itself.
 */
@ApplicationScoped
public class Postman {

    static final String RECORD = """
            insert into mail_delivery (id, event_id, kind, firm_id, recipient_id, address, status, detail, attempts)
            values (:id, :event, :kind, :firm, :recipient, :address, :status, :detail, :attempts)
            on conflict (event_id, kind, recipient_id) do nothing""";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private final ReactiveMailer mailer;
    private final Engine templates;
    private final MailerConfig config;
    private final MeterRegistry registry;

    public Postman(ReactiveMailer mailer, Engine templates, MailerConfig config, MeterRegistry registry) {
        this.mailer = mailer;
        this.templates = templates;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Sends {@code kind} to {@code address}. When the SMTP server refuses every attempt: with {@code lastChance} (a
     * single-use link that cannot be minted again) the failure is recorded and the event counts as handled; otherwise
     * the failure propagates, so the event is retried and finally dead-lettered, to be replayed once mail flows again.
     */
    public Uni<Void> send(CloudEvent event, MailKind kind, UUID recipientId, String address, Map<String, Object> values,
            boolean lastChance) {
        Template template = templates.getTemplate(kind.template());
        if (template == null) {
            throw new IllegalStateException("no template " + kind.template());
        }
        String subject = subject(kind.subject(), values);
        String text = template.data(values).render();
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
            attempts.incrementAndGet();
            return mailer.send(Mail.withText(address, subject, text));
        })
                .onFailure().retry().withBackOff(config.smtpRetry().backoff(), config.smtpRetry().backoff().multipliedBy(8))
                .atMost(Math.max(0, config.smtpRetry().attempts() - 1))
                .onItem().transformToUni(sent -> {
                    registry.counter("lexguard.mailer.sent", "kind", kind.id()).increment();
                    return record(event, kind, recipientId, address, "sent", null, attempts.get());
                })
                .onFailure().recoverWithUni(failure -> {
                    registry.counter("lexguard.mailer.failed", "kind", kind.id()).increment();
                    Log.warnf("mail %s for event %s (recipient %s) not accepted by the SMTP server after %d attempts: %s",
                            kind.id(), event.id(), recipientId, attempts.get(), failure.getMessage());
                    if (!lastChance) {
                        return Uni.createFrom().failure(failure);
                    }
                    return record(event, kind, recipientId, address, "failed", "smtp: " + failure.getMessage(), attempts.get());
                });
    }

    /** A mail that was not sent, and why (nothing to send, nobody to send it to, a link identity no longer gives). */
    public Uni<Void> skipped(CloudEvent event, MailKind kind, UUID recipientId, String status, String detail) {
        registry.counter("lexguard.mailer." + status, "kind", kind.id()).increment();
        Log.infof("mail %s for event %s (recipient %s) %s: %s", kind.id(), event.id(), recipientId, status, detail);
        return record(event, kind, recipientId, null, status, detail, 0);
    }

    private Uni<Void> record(CloudEvent event, MailKind kind, UUID recipientId, String address, String status, String detail,
            int attempts) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter("id", UUID.randomUUID()).setParameter("event", event.id()).setParameter("kind", kind.id())
                .setParameter("firm", event.firmId()).setParameter("recipient", recipientId).setParameter("address", address)
                .setParameter("status", status).setParameter("detail", detail).setParameter("attempts", attempts)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The subject line: each {@code {name}} of the pattern filled once (a value is never scanned for placeholders), and
     * control characters in values (a share title with a line break) turned into spaces, so no value can start a header.
     */
    static String subject(String pattern, Map<String, Object> values) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder subject = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            String text = value == null ? placeholder.group() : CONTROL.matcher(String.valueOf(value)).replaceAll(" ");
            placeholder.appendReplacement(subject, Matcher.quoteReplacement(text));
        }
        placeholder.appendTail(subject);
        return subject.toString();
    }
}
