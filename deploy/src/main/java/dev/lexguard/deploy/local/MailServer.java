package dev.lexguard.deploy.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail server of a local LexGuard (GreenMail: real SMTP and IMAP on 127.0.0.1): mailer-service delivers to it as
 * to any relay, and everything it sent can be read back, in a mail client over IMAP (user and password: the address) or here. The
 * demo and the system stories follow the links of the mail people receive, as those people would.
 */
public final class MailServer implements AutoCloseable {

    /** An address's mail, as its recipient would read it. */
    public record Mail(String to, String subject, String text) {

        /** The first link of the mail whose path contains {@code fragment}, e.g. {@code /invitations/}. */
        public Optional<String> link(String fragment) {
            Matcher matcher = LINK.matcher(text);
            while (matcher.find()) {
                if (matcher.group().contains(fragment)) {
                    return Optional.of(matcher.group());
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");
    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail server, int smtpPort, int imapPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** SMTP and IMAP on these loopback ports (0: any free ones). */
    public static MailServer start(int smtpPort, int imapPort) {
        int smtp = smtpPort == 0 ? freePort() : smtpPort;
        int imap = imapPort == 0 ? freePort() : imapPort;
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        return new MailServer(server, smtp, imap);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** What mailer-service needs to deliver here (LexGuardSystem passes each service what it reads). */
    public Map<String, String> environment() {
        return Map.of("LEXGUARD_SMTP_HOST", "127.0.0.1", "LEXGUARD_SMTP_PORT", Integer.toString(smtpPort),
                "LEXGUARD_SMTP_START_TLS", "DISABLED", "LEXGUARD_SMTP_TLS", "false", "LEXGUARD_SMTP_LOGIN", "NONE");
    }

    /** Every mail received for {@code address} so far, oldest first. */
    public List<Mail> mailTo(String address) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address))) {
                    found.add(new Mail(address, message.getSubject(), text(message.getContent()).replace("\r\n", "\n")));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("a received message cannot be read", e);
            }
        }
        return found;
    }

    /**
     * The newest link containing {@code fragment} mailed to {@code address}, waiting up to {@code timeout}: what the
     * person would click (an invitation, a reset).
     */
    public String awaitLink(String address, String fragment, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mail = mailTo(address);
            for (int i = mail.size() - 1; i >= 0; i--) {
                Optional<String> link = mail.get(i).link(fragment);
                if (link.isPresent()) {
                    return link.get();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no mail to " + address + " with a link to " + fragment + " within "
                        + timeout.toSeconds() + " s (" + mail.size() + " other mails)");
            }
            Thread.sleep(200);
        }
    }

    /** The text of a message's content, its transfer encoding undone (a plain text mail, or every part of one). */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return text.toString();
        }
        return content.toString();
    }

    /** The last path segment of {@code link}: the token an invitation or reset link carries. */
    public static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        server.stop();
    }
}
