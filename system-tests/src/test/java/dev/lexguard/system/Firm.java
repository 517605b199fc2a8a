package dev.lexguard.system;

import dev.lexguard.deploy.local.MailServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A firm of a story: signed up through the gateway, with its owner's token, and its people invited by mail. */
record Firm(String domain, String ownerToken) {

    static final String PASSWORD = "quiet harbour lantern tide";

    static Firm signUp(String name) {
        String domain = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        TheSystem.gateway().body(Map.of("firmName", name, "ownerName", "Olive Owner", "ownerEmail", "olive@" + domain,
                "password", PASSWORD)).post("/api/v1/firms").then().statusCode(201);
        return new Firm(domain, login("olive@" + domain, null).get("accessToken"));
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
