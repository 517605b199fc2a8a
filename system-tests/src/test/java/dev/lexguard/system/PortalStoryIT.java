package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.lexguard.deploy.local.MailServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 3: a document is shared with a client; the client accepts the portal invitation, signs in to the portal and
 * opens it; the firm feed shows the open; the share comes due for review and is revoked; the client's next request
 * is a 404. identity-service (portal accounts, portal tokens), sharing-service and feed-service, through the gateway.
 */
@ExtendWith(TheSystem.class)
class PortalStoryIT {

    private static final String CLIENT_PASSWORD = "amber kettle north meadow";

    @Test
    void aClientOpensASharedDocumentUntilItsReviewRevokesIt() throws Exception {
        Firm firm = Firm.signUp("Story Three LLP");
        String owner = firm.ownerToken();
        String firmId = Firm.claims(owner).path("firm").asText();
        // reviews of clients' shares every day, so the new share comes due within a day
        TheSystem.as(owner).body(Map.of(
                "defaultExpiryDays", Map.of("client", 90, "coCounsel", 90, "expert", 30, "other", 30),
                "reviewIntervalDays", Map.of("client", 1, "coCounsel", 90, "expert", 90, "other", 90),
                "expiryWarningDays", 7, "reviewOverdueAfterDays", 14, "revokeOnMatterClose", true))
                .put("/api/v1/shares/policy").then().statusCode(200);
        String matter = TheSystem.as(owner).body(Map.of("displayNumber", "2026-0301", "description", "Finch estate",
                "status", "open")).post("/api/v1/matters").then().statusCode(201).extract().path("id");
        String clientEmail = firm.email("casey.client");
        UUID client = UUID.fromString(TheSystem.as(owner).body(Map.of("name", "Casey Client", "email", clientEmail,
                "kind", "client")).post("/api/v1/contacts").then().statusCode(201).extract().path("id"));

        // sharing-service learns who may see the new matter from permissions-service's events: retry until it has
        Map<String, Object> share = Map.of("contactId", client, "matterId", matter, "resourceType", "document",
                "resourceId", "doc-engagement-letter", "title", "Engagement letter", "accessLevel", "view",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).body(share).post("/api/v1/shares").statusCode() == 201);
        String shareId = TheSystem.as(owner).queryParam("contactId", client.toString()).get("/api/v1/shares").then()
                .statusCode(200).extract().path("items[0].id");

        // The first share invites the client: identity-service creates the portal account, mailer-service mails the
        // link, and the client follows it from the mail.
        String link = TheSystem.mail().awaitLink(clientEmail, "/invitations/", Duration.ofSeconds(60));
        assertThat(TheSystem.mail().mailTo(clientEmail).get(0).subject()).isEqualTo("Story Three LLP shared documents with you");
        String invitation = MailServer.token(link);
        TheSystem.gateway().get("/api/v1/portal-auth/invitations/" + invitation).then().statusCode(200)
                .body("email", equalTo(clientEmail)).body("firmName", equalTo("Story Three LLP"));
        TheSystem.gateway().body(Map.of("password", CLIENT_PASSWORD)).post("/api/v1/portal-auth/invitations/" + invitation)
                .then().statusCode(200).body("status", equalTo("active"));

        String portalToken = TheSystem.gateway().body(Map.of("firmId", firmId, "email", clientEmail,
                        "password", CLIENT_PASSWORD)).post("/api/v1/portal-auth/login").then().statusCode(200)
                .body("status", equalTo("authenticated")).extract().path("accessToken");
        // the two audiences never cross: a portal token is refused by firm APIs, a firm token by the portal
        TheSystem.as(portalToken).get("/api/v1/shares").then().statusCode(401);
        TheSystem.as(owner).get("/api/v1/portal/shares").then().statusCode(401);

        TheSystem.as(portalToken).get("/api/v1/portal/shares").then().statusCode(200).body("items.id", hasItem(shareId));
        TheSystem.as(portalToken).get("/api/v1/portal/shares/" + shareId).then().statusCode(200)
                .body("title", equalTo("Engagement letter"));

        // The firm feed shows the open, attributed to the client.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).queryParam("category", "sharing").get("/api/v1/feed").then().statusCode(200)
                        .extract().jsonPath().getList("items.summary").contains("A contact opened 'Engagement letter'"));

        // The share comes due for review (clients' shares every day); the owner revokes it as the review's decision.
        TheSystem.as(owner).queryParam("withinDays", 1).get("/api/v1/share-reviews/due").then().statusCode(200)
                .body("items.id", hasItem(shareId));
        TheSystem.as(owner).body(Map.of("decision", "revoke", "note", "Engagement concluded"))
                .post("/api/v1/share-reviews/shares/" + shareId).then().statusCode(200);

        // The client's very next request for it is a 404, and it is gone from their list.
        TheSystem.as(portalToken).get("/api/v1/portal/shares/" + shareId).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> left = TheSystem.as(portalToken).get("/api/v1/portal/shares").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(left).doesNotContain(shareId);
    }

}
