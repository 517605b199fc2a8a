package dev.lexguard.deploy.local;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.InvalidKeyException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Seeds the demo firm the way its people would: every call goes through the gateway, and invitees follow the links
 * mailer-service mailed them (read from the local mail server, as they would read their mail).
 */
public final class DemoFirm {

    static final String OWNER_PASSWORD = "harbour lantern tide clock";
    static final String STAFF_PASSWORD = "brass compass morning fog";
    static final String CLIENT_PASSWORD = "amber kettle north meadow";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final MailServer mail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tag = Long.toString(System.currentTimeMillis() % 100000, 36);

    private final String jdbcBase;

    /** {@code jdbcBase}: e.g. {@code jdbc:postgresql://127.0.0.1:15432/}, for the demo's two pieces of history. */
    DemoFirm(URI gateway, MailServer mail, String jdbcBase) {
        this.gateway = gateway;
        this.mail = mail;
        this.jdbcBase = jdbcBase;
    }

    /** What a reader needs to try the demo. */
    private static final long TOTP_STEP_SECONDS = 30;

    record Summary(String firm, String ownerEmail, String ownerTotpSecret, List<String> recoveryCodes,
            Map<String, String> staff, List<String> notes) {

        String describe() {
            StringBuilder out = new StringBuilder();
            out.append("Demo firm: ").append(firm).append('\n');
            out.append("  owner      ").append(ownerEmail).append("  password \"").append(OWNER_PASSWORD).append("\"\n");
            out.append("             two-factor: add this secret to any authenticator app: ").append(ownerTotpSecret).append('\n');
            out.append("             a recovery code: ").append(recoveryCodes.get(0)).append('\n');
            staff.forEach((email, role) -> out.append("  ").append(String.format("%-10s %s", role, email))
                    .append("  password \"").append(STAFF_PASSWORD).append("\"\n"));
            notes.forEach(note -> out.append("  - ").append(note).append('\n'));
            return out.toString();
        }
    }

    Summary seed() throws Exception {
        String domain = "harbourlane-" + tag + ".example";
        String ownerEmail = "ada@" + domain;
        JsonNode signUp = call("POST", gateway, "/api/v1/firms", null, Map.of("firmName", "Harbour & Lane LLP",
                "ownerName", "Ada Okafor", "ownerEmail", ownerEmail, "password", OWNER_PASSWORD), 201);
        String owner = login(ownerEmail, OWNER_PASSWORD, null).path("accessToken").asText();

        JsonNode enrolment = call("POST", gateway, "/api/v1/two-factor/enrolment", owner, Map.of(), 200);
        String secret = enrolment.path("secret").asText();
        Instant enrolledAt = Instant.now();
        JsonNode confirmed = call("POST", gateway, "/api/v1/two-factor/enrolment/confirm", owner,
                Map.of("code", totp(secret, enrolledAt)), 200);
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.path("recoveryCodes").forEach(code -> recoveryCodes.add(code.asText()));

        Map<String, String> staff = new LinkedHashMap<>();
        Map<String, UUID> people = new LinkedHashMap<>();
        for (String[] person : new String[][] {{"ben", "Ben Lane", "partner"}, {"cleo", "Cleo Marsh", "paralegal"},
                {"dev", "Dev Patel", "family law"}}) {
            String email = person[0] + "@" + domain;
            JsonNode user = call("POST", gateway, "/api/v1/users", owner, Map.of("email", email, "displayName", person[1]), 201);
            people.put(person[0], UUID.fromString(user.path("id").asText()));
            staff.put(email, person[2]);
        }
        acceptInvitations(staff.keySet());

        UUID partners = group(owner, "Partners", "role");
        UUID paralegals = group(owner, "Paralegals", "role");
        UUID family = group(owner, "Family law", "practice_area");
        member(owner, partners, people.get("ben"));
        member(owner, paralegals, people.get("cleo"));
        member(owner, family, people.get("dev"));

        UUID estate = matter(owner, "2026-0001", "Estate of Harold Finch");
        UUID divorce = matter(owner, "2026-0002", "Ortega v. Ortega: divorce and custody");
        call("PUT", gateway, "/api/v1/matters/" + divorce + "/access", owner, Map.of("mode", "restricted",
                "groupIds", List.of(partners), "userIds", List.of(), "blockedUserIds", List.of()), 200);
        UUID adoption = matter(owner, "2026-0003", "Patel: adoption");
        call("PUT", gateway, "/api/v1/matters/" + adoption + "/access", owner, Map.of("mode", "restricted",
                "groupIds", List.of(family, partners), "userIds", List.of(), "blockedUserIds", List.of()), 200);
        // Dev keeps his lists to his practice area: his saved default filter is "mine" (group=all shows everything)
        String dev = login("dev@" + domain, STAFF_PASSWORD, null).path("accessToken").asText();
        call("PUT", gateway, "/api/v1/groups/default-filter", dev, Map.of("groups", List.of("mine")), 200);
        call("POST", gateway, "/api/v1/activity-descriptions", owner, Map.of("name", "Settlement strategy call",
                "category", "Advice", "visibility", "groups", "groupIds", List.of(partners)), 201);
        // who must use two-factor is a risky setting: the owner proves the factor again (a code of a later time step,
        // the enrolment's own being spent) and uses the access token that step-up returns
        String steppedUp = call("POST", gateway, "/api/v1/auth/step-up", owner,
                Map.of("code", totp(secret, nextTimeStep(enrolledAt))), 200).path("accessToken").asText();
        call("PUT", gateway, "/api/v1/two-factor/policy", steppedUp, Map.of("required", true, "graceDays", 7,
                "groupIds", List.of(partners)), 200);

        // A client with two shares of the estate matter: one expiring in five days, one "shared in May" and due for review.
        UUID client = UUID.fromString(call("POST", gateway, "/api/v1/contacts", owner, Map.of("name", "Harold Finch Jr.",
                "email", "harold.finch@" + domain, "kind", "client"), 201).path("id").asText());
        share(owner, client, estate, "Engagement letter", Instant.now().plus(Duration.ofDays(5)));
        UUID inventory = share(owner, client, estate, "Estate inventory", Instant.now().plus(Duration.ofDays(300)));
        backdate(inventory);
        // The first share invited Harold to the client portal; he followed the mailed link and set a password.
        String portalInvitation = MailServer.token(mail.awaitLink("harold.finch@" + domain, "/invitations/",
                Duration.ofSeconds(60)));
        call("POST", gateway, "/api/v1/portal-auth/invitations/" + portalInvitation, null,
                Map.of("password", CLIENT_PASSWORD), 200);

        // Cleo signs in from London, then ten minutes' flight time later "from Changchun": sessions-service flags it.
        String cleo = "cleo@" + domain;
        login(cleo, STAFF_PASSWORD, "81.2.69.142");
        login(cleo, STAFF_PASSWORD, "175.16.199.0");

        List<String> notes = List.of(
                "groups Partners (Ben), Paralegals (Cleo), Family law (Dev); matter 2026-0001 " + estate + " open to everyone,",
                "matter 2026-0002 " + divorce + " restricted to Partners; activity description \"Settlement strategy call\""
                        + " restricted to Partners; Partners must use two-factor (7 days' grace)",
                "matter 2026-0003 " + adoption + " restricted to Family law and Partners; Dev's saved default filter is his"
                        + " own groups: his GET /api/v1/matters shows 2026-0003 only (group=all shows 2026-0001 too)",
                "client Harold Finch Jr. has two shares: \"Engagement letter\" expires in 5 days, \"Estate inventory\" was"
                        + " shared 200 days ago and is due for review (GET /api/v1/share-reviews/due)",
                "Harold signs in to the client portal: POST /api/v1/portal-auth/login {\"firmId\": \""
                        + signUp.path("firm").path("id").asText() + "\", \"email\": \"harold.finch@" + domain
                        + "\", \"password\": \"" + CLIENT_PASSWORD + "\"}, then GET /api/v1/portal/shares",
                "Cleo signed in from London (81.2.69.142) and then from Changchun (175.16.199.0): see GET /api/v1/sessions;"
                        + " mailer-service mailed her an unusual sign-in alert",
                "Ben, Cleo, Dev and Harold accepted the invitations mailer-service mailed them: read every mail over IMAP"
                        + " (below)",
                "the firm feed (GET /api/v1/feed) shows all of it to the owner; its weekly review is due (GET"
                        + " /api/v1/feed/reviews/due: the digest, then POST /api/v1/feed/reviews; the feed's first entry is"
                        + " dated 8 days back, the demo's history)");
        backdateFeed(UUID.fromString(signUp.path("firm").path("id").asText()));
        return new Summary("Harbour & Lane LLP (" + signUp.path("firm").path("id").asText() + ")", ownerEmail, secret,
                recoveryCodes, staff, notes);
    }

    private JsonNode login(String email, String password, String forwardedFor) throws Exception {
        HttpRequest.Builder request = request("POST", gateway, "/api/v1/auth/login", null, Map.of("email", email, "password", password));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return expect(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), 200, "POST /api/v1/auth/login");
    }

    /** Each invitee opens the invitation mailer-service sent and sets a password. */
    private void acceptInvitations(Collection<String> addresses) throws Exception {
        for (String address : addresses) {
            String token = MailServer.token(mail.awaitLink(address, "/invitations/", Duration.ofSeconds(60)));
            call("POST", gateway, "/api/v1/invitations/" + token, null, Map.of("password", STAFF_PASSWORD), 200);
        }
    }

    private UUID group(String token, String name, String kind) throws Exception {
        return UUID.fromString(call("POST", gateway, "/api/v1/groups", token, Map.of("name", name, "kind", kind), 201)
                .path("id").asText());
    }

    /** permissions-service learns of new users from identity's events: retry until it has. */
    private void member(String token, UUID group, UUID user) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            HttpResponse<String> response = http.send(request("PUT", gateway, "/api/v1/groups/" + group + "/members/" + user,
                    token, null).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("adding a group member answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(300);
        }
    }

    /** sharing-service learns who may see the matter from permissions-service's events: retry until it has. */
    private UUID share(String token, UUID contact, UUID matter, String title, Instant expiresAt) throws Exception {
        Map<String, Object> body = Map.of("contactId", contact, "matterId", matter, "resourceType", "document",
                "resourceId", "doc-" + UUID.randomUUID(), "title", title, "accessLevel", "view",
                "expiresAt", expiresAt.toString());
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            HttpResponse<String> response = http.send(request("POST", gateway, "/api/v1/shares", token, body).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return UUID.fromString(JSON.readTree(response.body()).path("id").asText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("sharing answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(300);
        }
    }

    /** The demo's one piece of history: a share made in May, its review now due (no API makes the past). */
    private void backdate(UUID share) throws SQLException {
        try (Connection sharing = DriverManager.getConnection(jdbcBase + "sharing", "postgres", "postgres");
                PreparedStatement update = sharing.prepareStatement("update share set created_at = now() - interval '200 days',"
                        + " next_review_at = now() - interval '20 days' where id = ?")) {
            update.setObject(1, share);
            update.executeUpdate();
        }
    }

    /**
     * The other piece of history: the firm's feed "began" eight days ago, so its weekly review is due. Only the time
     * the feed recorded its first entry moves (the review period starts there); it is not part of any entry's hash, so
     * the chain still verifies. Waits for the feed to have the firm's first entry.
     */
    private void backdateFeed(UUID firm) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        try (Connection feed = DriverManager.getConnection(jdbcBase + "feed", "postgres", "postgres");
                PreparedStatement update = feed.prepareStatement("update feed_entry set recorded_at = recorded_at - interval '8 days'"
                        + " where firm_id = ? and seq = (select min(seq) from feed_entry where firm_id = ?)")) {
            update.setObject(1, firm);
            update.setObject(2, firm);
            while (update.executeUpdate() == 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the feed has no entry of the demo firm after 60 s");
                }
                Thread.sleep(250);
            }
        }
    }

    private UUID matter(String token, String number, String description) throws Exception {
        return UUID.fromString(call("POST", gateway, "/api/v1/matters", token, Map.of("displayNumber", number,
                "description", description, "status", "open"), 201).path("id").asText());
    }

    private JsonNode call(String method, URI base, String path, String token, Object body, int expected) throws Exception {
        return expect(http.send(request(method, base, path, token, body).build(), HttpResponse.BodyHandlers.ofString()),
                expected, method + " " + path);
    }

    private HttpRequest.Builder request(String method, URI base, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static JsonNode expect(HttpResponse<String> response, int expected, String what) throws IOException {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + " (expected " + expected + "): "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** The code an authenticator app shows now for {@code base32} (RFC 6238: SHA-1, 6 digits, 30 s). */
    /**
     * A time in the first TOTP step after {@code used}'s (whose code is spent: identity refuses replays), at most one
     * step ahead of now, which identity's one-step window accepts.
     */
    public static Instant nextTimeStep(Instant used) {
        long step = used.getEpochSecond() / TOTP_STEP_SECONDS;
        Instant now = Instant.now();
        return now.getEpochSecond() / TOTP_STEP_SECONDS > step ? now : Instant.ofEpochSecond((step + 1) * TOTP_STEP_SECONDS);
    }

    static String totp(String base32, Instant at) throws InvalidKeyException {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return String.format("%06d", generator.generateOneTimePassword(new SecretKeySpec(new Base32().decode(base32), "HmacSHA1"), at));
    }
}
