package dev.lexguard.mailer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MailingTest {

    @Test
    void anUnusualSignInIsMailedOnceToThePersonWhoSignedInEvenWhenTheEventComesTwice() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID ada = UUID.randomUUID();
        String address = "ada-" + firm + "@harbourlane.example";
        Events.firmWithUser(firm, "Harbour & Lane LLP", ada, address, "Ada Okafor");
        awaitKnown(firm, ada);
        CloudEvent unusual = unusual(firm, ada);
        Events.send(Events.SESSIONS, unusual);
        Events.send(Events.SESSIONS, unusual);

        MimeMessage mail = awaitMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("Unusual sign-in to your Harbour & Lane LLP account");
        String text = mail.getContent().toString();
        assertThat(text).contains("Hello Ada Okafor", "from Changchun, China (175.16.199.0)", "using Chrome on Windows",
                "- a country not seen before", "- too far from your previous sign-in", "This wasn't me");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@lexguard.local");

        Thread.sleep(1500);
        assertThat(mailsTo(address)).as("the second copy of the event sends nothing").hasSize(1);
        assertThat(deliveries(unusual.id())).containsExactly("unusual-sign-in sent " + address);
    }

    @Test
    void aShareAboutToExpireGoesToWhoSharedItWithTheOneClickExtendLink() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        String address = "ben-" + firm + "@harbourlane.example";
        Events.firmWithUser(firm, "Harbour & Lane LLP", ben, address, "Ben Lane");
        awaitKnown(firm, ben);
        UUID share = UUID.randomUUID();
        CloudEvent expiring = Events.event("sharing-service", "dev.lexguard.sharing.share.expiring", firm, share.toString(), null,
                Map.ofEntries(Map.entry("shareId", share.toString()), Map.entry("matterId", UUID.randomUUID().toString()),
                        Map.entry("contactId", UUID.randomUUID().toString()), Map.entry("resourceType", "document"),
                        Map.entry("resourceId", "doc-17"), Map.entry("title", "Engagement letter"),
                        Map.entry("accessLevel", "view"), Map.entry("expiresAt", "2026-12-12T09:00:00Z"),
                        Map.entry("sharedBy", ben.toString()), Map.entry("daysLeft", 5), Map.entry("contactKind", "client"),
                        Map.entry("warningDays", 7), Map.entry("shareUrl", "https://app.lexguard.test/api/v1/shares/" + share),
                        Map.entry("extendUrl", "https://app.lexguard.test/api/v1/shares/" + share + "/extend")));
        Events.send(Events.SHARING, expiring);

        MimeMessage mail = awaitMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("A share ends in 5 days: Engagement letter");
        assertThat(mail.getContent().toString()).contains("\"Engagement letter\", which you shared",
                "12 Dec 2026, 09:00 UTC", "https://app.lexguard.test/api/v1/shares/" + share + "/extend");
    }

    @Test
    void aDueFeedReviewGoesToEachReviewerItNamesAndAnUnknownOneIsSkipped() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID ada = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        String adaAddress = "ada-" + firm + "@harbourlane.example";
        String benAddress = "ben-" + firm + "@harbourlane.example";
        Events.firmWithUser(firm, "Harbour & Lane LLP", ada, adaAddress, "Ada Okafor");
        awaitKnown(firm, ada);
        Events.send(Events.IDENTITY, Events.event("identity-service", "dev.lexguard.identity.user.created", firm, ben.toString(),
                ada.toString(), Map.of("userId", ben.toString(), "email", benAddress, "displayName", "Ben Lane",
                        "status", "active", "owner", false)));
        awaitKnown(firm, ben);
        CloudEvent due = Events.event("feed-service", "dev.lexguard.feed.review.due", firm, firm.toString(), null,
                Map.of("periodStart", "2026-11-30T09:00:00Z", "dueAt", "2026-12-07T09:00:00Z", "interval", "P7D",
                        "reviewers", List.of(ada.toString(), ben.toString(), stranger.toString()),
                        "reviewersAreAdministrators", true));
        Events.send(Events.FEED, due);

        MimeMessage toAda = awaitMailTo(adaAddress);
        awaitMailTo(benAddress);
        assertThat(toAda.getSubject()).isEqualTo("The Harbour & Lane LLP feed review is due");
        assertThat(toAda.getContent().toString()).contains("Hello Ada Okafor", "since 30 Nov 2026, 09:00 UTC",
                "GET /api/v1/feed/reviews/due");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(due.id()).size() == 3);
        assertThat(deliveries(due.id())).containsExactlyInAnyOrder("feed-review sent " + adaAddress,
                "feed-review sent " + benAddress, "feed-review skipped null");
    }

    @Test
    void aShareDueForReviewGoesToWhoSharedIt() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        String address = "ben-" + firm + "@harbourlane.example";
        Events.firmWithUser(firm, "Harbour & Lane LLP", ben, address, "Ben Lane");
        awaitKnown(firm, ben);
        UUID share = UUID.randomUUID();
        Events.send(Events.SHARING, Events.event("sharing-service", "dev.lexguard.sharing.review.overdue", firm, share.toString(),
                null, Map.ofEntries(Map.entry("shareId", share.toString()), Map.entry("matterId", UUID.randomUUID().toString()),
                        Map.entry("contactId", UUID.randomUUID().toString()), Map.entry("resourceType", "document"),
                        Map.entry("resourceId", "doc-18"), Map.entry("title", "Estate inventory"),
                        Map.entry("accessLevel", "view"), Map.entry("expiresAt", "2027-06-01T00:00:00Z"),
                        Map.entry("sharedBy", ben.toString()), Map.entry("nextReviewAt", "2026-11-17T00:00:00Z"))));

        MimeMessage mail = awaitMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("Overdue: review the share Estate inventory");
        assertThat(mail.getContent().toString()).contains("was due on 17 Nov 2026, 00:00 UTC", "until 1 Jun 2027");
    }

    @Test
    void withoutAnAddressForThePersonNothingIsSentAndTheSkipIsRecorded() throws Exception {
        UUID firm = UUID.randomUUID();
        CloudEvent unusual = unusual(firm, UUID.randomUUID());
        Events.send(Events.SESSIONS, unusual);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries(unusual.id()).isEmpty());
        assertThat(deliveries(unusual.id())).containsExactly("unusual-sign-in skipped null");
    }

    @Test
    void someoneSigningUpWithAnAddressInUseToldTheOwnerOfTheAddress() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        String address = "cleo-" + firm + "@harbourlane.example";
        Events.send(Events.IDENTITY, Events.event("identity-service", "dev.lexguard.identity.signup.emailInUse", firm,
                owner.toString(), null, Map.of("userId", owner.toString(), "email", address, "attempt", "sign_up")));

        MimeMessage mail = awaitMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("Someone tried to sign up with your address");
        assertThat(mail.getContent().toString()).contains("Nothing was created", "reset your password");
    }

    @Test
    void aMailWaitsOutAnSmtpOutageAndIsSentOnceTheServerIsBack() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID dev = UUID.randomUUID();
        String address = "dev-" + firm + "@harbourlane.example";
        Events.firmWithUser(firm, "Harbour & Lane LLP", dev, address, "Dev Patel");
        awaitKnown(firm, dev);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> knows(firm, dev));
        SmtpServer.shutDown();
        CloudEvent unusual;
        try {
            unusual = unusual(firm, dev);
            Events.send(Events.SESSIONS, unusual);
            Thread.sleep(2000);
        } finally {
            SmtpServer.restart();
        }
        awaitMailTo(address);
        assertThat(deliveries(unusual.id())).containsExactly("unusual-sign-in sent " + address);
        assertThat(mailsTo(address)).hasSize(1);
    }

    private static CloudEvent unusual(UUID firm, UUID user) {
        UUID session = UUID.randomUUID();
        return Events.event("sessions-service", "dev.lexguard.sessions.signin.unusual", firm, session.toString(), null,
                Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                        "reasons", List.of("new_country", "impossible_travel"), "clientIp", "175.16.199.0",
                        "location", Map.of("countryCode", "CN", "country", "China", "city", "Changchun"),
                        "device", Map.of("browser", "Chrome", "os", "Windows", "deviceType", "desktop"),
                        "signedInAt", Instant.now().toString()));
    }

    private static MimeMessage awaitMailTo(String address) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !mailsTo(address).isEmpty());
        return mailsTo(address).get(0);
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SmtpServer.received()) {
            if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                found.add(message);
            }
        }
        return found;
    }

    private static List<String> deliveries(UUID eventId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select kind, status, address from mail_delivery where event_id = ? order by created_at")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return rows;
    }

    /** The events that ask for mail come on other topics than identity's: let the mailer learn the address first. */
    private static void awaitKnown(UUID firm, UUID person) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> knows(firm, person));
    }

    private static boolean knows(UUID firm, UUID person) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select 1 from recipient where firm_id = ? and id = ?")) {
            s.setObject(1, firm);
            s.setObject(2, person);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
