package dev.lexguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.deploy.local.MailServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** A firm of a story: signed up through the gateway, with its owner's token, and its people invited by mail. */
record Firm(String domain, String ownerToken) {

    static final String PASSWORD = "quiet harbour lantern tide";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Signs a firm up and waits until permissions-service has the owner as its administrator: it learns that from
     * identity's events, so in the first moments after sign-up the owner's administrator actions answer 403 (the
     * portal story met it on a loaded machine). A frontend sees the same: the sign-up is done when the firm is.
     */
    static Firm signUp(String name) {
        String domain = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        TheSystem.gateway().body(Map.of("firmName", name, "ownerName", "Olive Owner", "ownerEmail", "olive@" + domain,
                "password", PASSWORD)).post("/api/v1/firms").then().statusCode(201);
        String owner = login("olive@" + domain, null).get("accessToken");
        String ownerId = claims(owner).path("sub").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var permissions = TheSystem.as(owner).get("/api/v1/permissions/users/" + ownerId);
            return permissions.statusCode() == 200 && Boolean.TRUE.equals(permissions.jsonPath().get("owner"));
        });
        return new Firm(domain, owner);
    }

    /** The claims of a token (its payload, not verified: the system under test issued it). */
    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invites a person, who follows the link mailer-service mailed them and sets a password: an active user. */
    UUID person(String localPart, String displayName) throws Exception {
        UUID user = UUID.fromString(TheSystem.as(ownerToken).body(Map.of("email", email(localPart), "displayName", displayName))
                .post("/api/v1/users").then().statusCode(201).extract().path("id"));
        String token = MailServer.token(TheSystem.mail().awaitLink(email(localPart), "/invitations/", Duration.ofSeconds(60)));
        TheSystem.gateway().body(Map.of("password", PASSWORD)).post("/api/v1/invitations/" + token).then().statusCode(200);
        return user;
    }

    String email(String localPart) {
        return localPart + "@" + domain;
    }

    /** An authenticated sign-in (no two-factor), from {@code forwardedFor} when given: accessToken, refreshToken, sessionId. */
    static Map<String, String> login(String email, String forwardedFor) {
        var request = TheSystem.gateway().body(Map.of("email", email, "password", PASSWORD));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        var json = request.post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
        if (!"authenticated".equals(json.getString("status"))) {
            throw new IllegalStateException("sign-in answered " + json.getString("status"));
        }
        return Map.of("accessToken", json.getString("accessToken"), "refreshToken", json.getString("refreshToken"),
                "sessionId", json.getString("sessionId"));
    }
}
