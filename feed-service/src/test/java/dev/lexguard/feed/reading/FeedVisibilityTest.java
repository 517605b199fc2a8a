package dev.lexguard.feed.reading;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.lexguard.feed.Events;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.feed.Tokens;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Readers see an entry only if they could open its matter now, under permissions-service's rule. */
@QuarkusTest
class FeedVisibilityTest {

    private static List<String> ids(TestFirm firm, UUID reader) {
        return firm.as(reader).queryParam("limit", 200).get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static CloudEvent documentUploaded(TestFirm firm, UUID matter) {
        return Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "uploaded", matter, Instant.now(),
                Map.of("documentId", UUID.randomUUID().toString(), "fileName", "settlement-draft.docx"))));
    }

    @Test
    void restrictedMatterEntryIsInvisibleToAnOutsiderUntilTheyAreGrantedAccess() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID group = UUID.randomUUID();
        UUID matter = Fixtures.restrictedMatter(firm, "2026-0042", List.of(group), List.of(), List.of());
        CloudEvent upload = documentUploaded(firm, matter);

        assertThat(ids(firm, firm.ownerId())).contains(upload.id().toString());
        assertThat(ids(firm, bea)).doesNotContain(upload.id().toString());
        firm.as(bea).get("/api/v1/feed/matters/{m}", matter).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/not-found"));
        firm.as(bea).get("/api/v1/feed/objects/document/{id}", upload.data().get("documentId").asText()).then().statusCode(404);

        Fixtures.addMember(firm, group, bea);
        assertThat(ids(firm, bea)).contains(upload.id().toString());
        firm.as(bea).get("/api/v1/feed/matters/{m}", matter).then().statusCode(200)
                .body("items[0].id", equalTo(upload.id().toString()))
                .body("items[0].matter.displayNumber", equalTo("2026-0042"))
                .body("items[0].actor.displayName", equalTo("Olu Owner"))
                .body("items[0].object.type", equalTo("document"))
                .body("items[0].object.title", equalTo("settlement-draft.docx"));

        Fixtures.removeMember(firm, group, bea);
        assertThat(ids(firm, bea)).doesNotContain(upload.id().toString());
    }

    @Test
    void aDirectGrantRevealsAndAnOpenedListShowsEveryone() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID carl = Fixtures.user(firm, "Carl Clerk");
        UUID matter = Fixtures.restrictedMatter(firm, "2026-0007", List.of(), List.of(bea), List.of());
        CloudEvent upload = documentUploaded(firm, matter);
        assertThat(ids(firm, bea)).contains(upload.id().toString());
        assertThat(ids(firm, carl)).doesNotContain(upload.id().toString());

        Fixtures.await(Events.send(Events.accessChanged(firm.firmId(), matter, firm.ownerId(), "everyone", List.of(), List.of(), List.of(), 3)));
        assertThat(ids(firm, carl)).contains(upload.id().toString());

        // An older version of the list arriving late changes nothing.
        Fixtures.await(Events.send(Events.accessChanged(firm.firmId(), matter, firm.ownerId(), "restricted", List.of(), List.of(bea),
                List.of(), 2)));
        assertThat(ids(firm, carl)).contains(upload.id().toString());
    }

    @Test
    void aBlockBeatsAdministrator() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID matter = Fixtures.restrictedMatter(firm, "2026-0099", List.of(), List.of(bea), List.of(firm.ownerId()));
        CloudEvent upload = documentUploaded(firm, matter);
        assertThat(ids(firm, bea)).contains(upload.id().toString());
        assertThat(ids(firm, firm.ownerId())).doesNotContain(upload.id().toString());
        firm.asOwner().get("/api/v1/feed/matters/{m}", matter).then().statusCode(404);
    }

    @Test
    void anEntryAboutAMatterPermissionsHasNotRegisteredIsHiddenUntilItIs() {
        TestFirm firm = Fixtures.firm();
        UUID matter = UUID.randomUUID();
        CloudEvent upload = documentUploaded(firm, matter);
        assertThat(ids(firm, firm.ownerId())).doesNotContain(upload.id().toString());
        Fixtures.await(Events.send(Events.matterRegistered(firm.firmId(), matter, "2026-0100", firm.ownerId())));
        assertThat(ids(firm, firm.ownerId())).contains(upload.id().toString());
    }

    @Test
    void securityAndPermissionEntriesAreForAdministrators() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        CloudEvent signIn = Fixtures.await(Events.send(Events.sessionStarted(firm.firmId(), bea, "203.0.113.7")));

        JsonPath owner = firm.asOwner().queryParam("category", "security").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(owner.getList("items.id")).contains(signIn.id().toString());
        String entry = "items.find { it.id == '" + signIn.id() + "' }.";
        assertThat(owner.getString(entry + "ip")).isEqualTo("203.0.113.7");
        assertThat(owner.getString(entry + "summary")).isEqualTo("A user signed in with password");
        assertThat(owner.getString(entry + "actor.displayName")).isEqualTo("Bea Associate");
        assertThat(owner.getString(entry + "category")).isEqualTo("security");

        assertThat(ids(firm, bea)).doesNotContain(signIn.id().toString());
        firm.as(bea).queryParam("category", "security").get("/api/v1/feed").then().statusCode(200).body("items.size()", equalTo(0));
        // The permission change that made the owner an administrator is a permissions entry: administrators only.
        firm.as(bea).queryParam("category", "permissions").get("/api/v1/feed").then().statusCode(200).body("items.size()", equalTo(0));
        firm.asOwner().queryParam("category", "permissions").get("/api/v1/feed").then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1));
    }

    @Test
    void losingAdministratorHidesSecurityEntriesAtOnce() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin");
        Fixtures.await(Events.send(Events.permissionsChanged(firm.firmId(), ada, firm.ownerId(), List.of("administrator"))));
        CloudEvent signIn = Fixtures.await(Events.send(Events.sessionStarted(firm.firmId(), firm.ownerId(), "198.51.100.4")));
        assertThat(ids(firm, ada)).contains(signIn.id().toString());
        Fixtures.await(Events.send(Events.permissionsChanged(firm.firmId(), ada, firm.ownerId(), List.of("billing"))));
        assertThat(ids(firm, ada)).doesNotContain(signIn.id().toString());
    }

    @Test
    void aRedactedEntryShowsNoChanges() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID group = UUID.randomUUID();
        UUID description = UUID.randomUUID();
        Fixtures.await(Events.send(Events.activityDescription(firm.firmId(), description, firm.ownerId(), "Merger due diligence", List.of(group))));
        UUID matter = Fixtures.matter(firm, "2026-0201");
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("description", "Reviewed the secret merger memo");
        previous.put("hours", "1.5");
        CloudEvent time = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "timeEntry", "updated", matter, Instant.now(),
                Map.of("activityDescriptionId", description.toString(), "description", "Reviewed the target's secret patents",
                        "hours", "2.0", "previous", previous))));

        JsonPath outsider = firm.as(bea).queryParam("objectType", "timeentry").get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath();
        assertThat(outsider.getList("items.id")).containsExactly(time.id().toString());
        assertThat(outsider.getBoolean("items[0].redacted")).isTrue();
        assertThat(outsider.getList("items[0].changes")).isEmpty();
        assertThat(firm.as(bea).get("/api/v1/feed").asString()).doesNotContain("secret merger memo").doesNotContain("\"1.5\"");

        JsonPath admin = firm.asOwner().queryParam("objectType", "timeentry").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(admin.getList("items[0].changes.field")).containsExactly("description", "hours");
        assertThat(admin.getString("items[0].changes[1].before")).isEqualTo("1.5");
    }

    @Test
    void restrictedActivityDescriptionsAreRedactedOutsideTheirGroups() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID group = UUID.randomUUID();
        UUID description = UUID.randomUUID();
        Fixtures.await(Events.send(Events.activityDescription(firm.firmId(), description, firm.ownerId(), "Merger due diligence", List.of(group))));
        UUID matter = Fixtures.matter(firm, "2026-0200");
        CloudEvent time = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "timeEntry", "added", matter, Instant.now(),
                Map.of("activityDescriptionId", description.toString(), "description", "Reviewed the target's secret patents",
                        "hours", "1.5"))));

        JsonPath outsider = firm.as(bea).queryParam("objectType", "timeentry").get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath();
        assertThat(outsider.getList("items.id")).containsExactly(time.id().toString());
        assertThat(outsider.getBoolean("items[0].redacted")).isTrue();
        assertThat(outsider.getString("items[0].details")).isNull();
        assertThat(outsider.getString("items[0].category")).isEqualTo("billing");
        assertThat(firm.as(bea).get("/api/v1/feed").asString()).doesNotContain("secret patents").doesNotContain("Merger due diligence");

        JsonPath admin = firm.asOwner().queryParam("objectType", "timeentry").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(admin.getBoolean("items[0].redacted")).isFalse();
        assertThat(admin.getString("items[0].details.description")).isEqualTo("Reviewed the target's secret patents");

        Fixtures.addMember(firm, group, bea);
        JsonPath member = firm.as(bea).queryParam("objectType", "timeentry").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(member.getBoolean("items[0].redacted")).isFalse();
        assertThat(member.getString("items[0].details.hours")).isEqualTo("1.5");
    }

    @Test
    void aDeactivatedOrUnknownReaderSeesNoMatter() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID matter = Fixtures.matter(firm, "2026-0300");
        CloudEvent upload = documentUploaded(firm, matter);
        assertThat(ids(firm, bea)).contains(upload.id().toString());
        Fixtures.await(Events.send(Events.userDeactivated(firm.firmId(), bea, firm.ownerId())));
        assertThat(ids(firm, bea)).doesNotContain(upload.id().toString());
        assertThat(ids(firm, UUID.randomUUID())).doesNotContain(upload.id().toString());
    }

    @Test
    void portalContactsAndAnonymousCallersHaveNoFeed() {
        TestFirm firm = Fixtures.firm();
        given().auth().oauth2(Tokens.portalContact(firm.firmId(), UUID.randomUUID())).get("/api/v1/feed").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/users-only"));
        given().auth().oauth2(Tokens.portalContact(firm.firmId(), UUID.randomUUID())).get("/api/v1/feed/stream").then().statusCode(403);
        given().get("/api/v1/feed").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.signedByAnotherKey(firm.firmId(), firm.ownerId())).get("/api/v1/feed").then().statusCode(401);
    }

    @Test
    void anotherFirmSeesNothingOfThisOne() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID matter = Fixtures.matter(firm, "2026-0400");
        CloudEvent upload = documentUploaded(firm, matter);
        assertThat(ids(other, other.ownerId())).doesNotContain(upload.id().toString());
        other.asOwner().get("/api/v1/feed/matters/{m}", matter).then().statusCode(404);
        other.asOwner().get("/api/v1/feed/users/{u}", firm.ownerId()).then().statusCode(404);
    }
}
