package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.InjectKeycloak;
import dev.lexguard.devstack.KeycloakResource;
import dev.lexguard.devstack.KeycloakSettings;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Connecting a firm to a real Keycloak and provisioning its users there, against the devstack's Keycloak. */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class KeycloakConnectionResourceTest {

    private static final Duration PROVISIONED = Duration.ofSeconds(60);
    private static final String PERMISSIONS_CONSUMER = "identity-permissions-projection";

    @InjectKeycloak
    KeycloakSettings keycloak;

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    static ValidatableResponse connect(TestFirm firm, Map<String, Object> body) {
        return given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).contentType(ContentType.JSON).body(body)
                .put("/api/v1/firms/keycloak").then();
    }

    static UserRepresentation awaitAccount(TestRealm realm, String email) {
        await().atMost(PROVISIONED).until(() -> realm.userByName(email.toLowerCase()) != null);
        return realm.userByName(email.toLowerCase());
    }

    static void awaitQueueEmpty(String firmId) {
        await().atMost(PROVISIONED).until(() -> Db.rows("select 1 from keycloak_job where firm_id = ?::uuid"
                + " and done_at is null", firmId).isEmpty());
    }

    @Test
    void connectingCreatesTheSignInClientAndProvisionsTheFirmsUsers() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        try (TestRealm realm = TestRealm.create(keycloak)) {
            String body = connect(firm, realm.connectBody()).statusCode(200)
                    .body("realm", equalTo(realm.name()))
                    .body("clientId", equalTo(TestRealm.PROVISIONER))
                    .body("signInClientId", equalTo("lexguard"))
                    .body("issuer", equalTo(keycloak.url() + "/realms/" + realm.name()))
                    .extract().asString();
            assertThat(body).doesNotContain(realm.secret());

            Map<String, Object> row = Db.row("select admin_client_secret_sealed, signin_client_secret_sealed"
                    + " from keycloak_connection where firm_id = ?::uuid", firm.firmId());
            assertThat(row.get("admin_client_secret_sealed").toString()).startsWith("v1.").doesNotContain(realm.secret());

            ClientRepresentation client = realm.realm().clients().findByClientId("lexguard").get(0);
            assertThat(client.getRedirectUris()).containsExactly("https://app.lexguard.test/sso/callback");
            assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
            assertThat(client.isPublicClient()).isFalse();
            assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
            assertThat(row.get("signin_client_secret_sealed").toString())
                    .doesNotContain(realm.realm().clients().get(client.getId()).getSecret().getValue());
            assertThat(realm.realm().groups().groups("LexGuard", true, 0, 10, true))
                    .extracting(GroupRepresentation::getName).contains("LexGuard");

            UserRepresentation owner = awaitAccount(realm, firm.ownerEmail());
            assertThat(owner.isEnabled()).isTrue();
            assertThat(owner.getEmail()).isEqualTo(firm.ownerEmail());
            assertThat(owner.getFirstName()).isEqualTo("Olu");
            assertThat(owner.getLastName()).isEqualTo("Owner");
            assertThat(awaitAccount(realm, member.email()).isEmailVerified()).isTrue();
            awaitQueueEmpty(firm.firmId());

            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode connected = topic.await("dev.lexguard.identity.keycloak.connected",
                        e -> e.path("firmid").asText().equals(firm.firmId()));
                assertThat(connected.path("data").path("realm").asText()).isEqualTo(realm.name());
                assertThat(connected.toString()).doesNotContain(realm.secret());
                JsonNode provisioned = topic.await("dev.lexguard.identity.keycloak.userProvisioned",
                        e -> e.path("data").path("userId").asText().equals(member.userId()));
                assertThat(provisioned.path("data").path("action").asText()).isEqualTo("created");
                assertThat(provisioned.path("data").path("keycloakUserId").asText())
                        .isEqualTo(realm.userByName(member.email()).getId());
            }
            given().auth().oauth2(firm.accessToken()).get("/api/v1/firms/keycloak").then().statusCode(200)
                    .body("queue.pending", equalTo(0)).body(not(containsString(realm.secret())));
        }
    }

    @Test
    void wrongCredentialsAreRefusedAndNothingIsStored() {
        TestFirm firm = Fixtures.firm();
        try (TestRealm realm = TestRealm.create(keycloak)) {
            Map<String, Object> wrong = Map.of("serverUrl", keycloak.url(), "realm", realm.name(),
                    "clientId", TestRealm.PROVISIONER, "clientSecret", "not-the-secret-" + UUID.randomUUID());
            String body = connect(firm, wrong).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/keycloak-credentials-refused"))
                    .extract().asString();
            assertThat(body).doesNotContain(wrong.get("clientSecret").toString());
            assertThat(Db.rows("select 1 from keycloak_connection where firm_id = ?::uuid", firm.firmId())).isEmpty();
            assertThat(realm.realm().clients().findByClientId("lexguard")).isEmpty();

            Map<String, Object> noRealm = Map.of("serverUrl", keycloak.url(), "realm", "no-such-realm-" + UUID.randomUUID(),
                    "clientId", TestRealm.PROVISIONER, "clientSecret", realm.secret());
            connect(firm, noRealm).statusCode(422).contentType("application/problem+json");
            Map<String, Object> deadServer = Map.of("serverUrl", "http://127.0.0.1:9", "realm", realm.name(),
                    "clientId", TestRealm.PROVISIONER, "clientSecret", realm.secret());
            connect(firm, deadServer).statusCode(422)
                    .body("type", equalTo("https://lexguard.dev/problems/keycloak-unreachable"));
            connect(firm, Map.of("serverUrl", "ftp://sso.example", "realm", realm.name(), "clientId", "x",
                    "clientSecret", "y")).statusCode(400).contentType("application/problem+json");
            connect(firm, Map.of("serverUrl", keycloak.url(), "realm", "a realm/../x", "clientId", "x",
                    "clientSecret", "y")).statusCode(400);
            given().auth().oauth2(firm.accessToken()).get("/api/v1/firms/keycloak").then().statusCode(404);
        }
    }

    @Test
    void onlyAdministratorsManageTheConnection() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("serverUrl", keycloak.url(), "realm", "x", "clientId", "x", "clientSecret", "y"))
                .put("/api/v1/firms/keycloak").then().statusCode(403);
        given().auth().oauth2(member.accessToken()).post("/api/v1/firms/keycloak/reconciliation").then().statusCode(403);
        given().put("/api/v1/firms/keycloak").then().statusCode(401);
    }

    @Test
    void anInvitedUserIsCreatedInKeycloak() {
        TestFirm firm = Fixtures.firm();
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            String email = Fixtures.uniqueEmail("invitee");
            String userId = Fixtures.invite(firm, email, "Ines Invitee");
            UserRepresentation account = awaitAccount(realm, email);
            assertThat(account.isEnabled()).isTrue();
            assertThat(account.isEmailVerified()).as("not verified before the invitation is accepted").isFalse();
            await().atMost(PROVISIONED).until(() -> !Db.rows("select 1 from keycloak_user_link where user_id = ?::uuid"
                    + " and keycloak_user_id = ?", userId, account.getId()).isEmpty());
        }
    }

    @Test
    void aDeactivatedUserIsDisabledInKeycloakAndSignedOutThere() throws Exception {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            UserRepresentation account = awaitAccount(realm, member.email());
            realm.setPassword(account.getId(), "keycloak side password 1");
            assertThat(realm.directGrant(member.email(), "keycloak side password 1").statusCode()).isEqualTo(200);
            assertThat(realm.user(account.getId()).getUserSessions()).hasSize(1);

            given().auth().oauth2(firm.accessToken()).post("/api/v1/users/" + member.userId() + "/deactivate")
                    .then().statusCode(200);

            // disabling and ending the Keycloak sessions are two admin calls of one job: wait for both
            await().atMost(PROVISIONED).until(() -> !realm.user(account.getId()).toRepresentation().isEnabled()
                    && realm.user(account.getId()).getUserSessions().isEmpty());
            assertThat(realm.directGrant(member.email(), "keycloak side password 1").statusCode()).isNotEqualTo(200);
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode disabled = topic.await("dev.lexguard.identity.keycloak.userProvisioned",
                        e -> e.path("data").path("userId").asText().equals(member.userId())
                                && e.path("data").path("action").asText().equals("disabled"));
                assertThat(disabled.path("data").path("sessionsLoggedOut").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void groupMembershipFromPermissionsServiceIsMirroredAsKeycloakGroups() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            String accountId = awaitAccount(realm, member.email()).getId();
            String group = UUID.randomUUID().toString();
            UUID added = EventsProducer.permissions("groupmember.added", firm.firmId(), group, firm.ownerId(),
                    Map.of("groupId", group, "userId", member.userId()));
            await().atMost(PROVISIONED).until(() -> EventsProducer.consumed(PERMISSIONS_CONSUMER, added));
            await().atMost(PROVISIONED).until(() -> realm.user(accountId).groups().stream()
                    .anyMatch(g -> g.getPath().equals("/LexGuard/" + group)));

            UUID removed = EventsProducer.permissions("groupmember.removed", firm.firmId(), group, firm.ownerId(),
                    Map.of("groupId", group, "userId", member.userId()));
            await().atMost(PROVISIONED).until(() -> EventsProducer.consumed(PERMISSIONS_CONSUMER, removed));
            await().atMost(PROVISIONED).until(() -> realm.user(accountId).groups().stream()
                    .noneMatch(g -> g.getPath().startsWith("/LexGuard/")));
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.keycloak.groupProvisioned",
                        e -> e.path("data").path("groupId").asText().equals(group));
            }
        }
    }

    @Test
    void reconciliationRepairsDriftAndReportsIt() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Member deleted = Fixtures.member(firm);
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            UserRepresentation account = awaitAccount(realm, member.email());
            String deletedAccount = awaitAccount(realm, deleted.email()).getId();
            awaitQueueEmpty(firm.firmId());

            // someone edits LexGuard's users directly in Keycloak
            account.setEnabled(false);
            account.setLastName("Renamed");
            account.setEmail("changed-" + member.email());
            realm.user(account.getId()).update(account);
            realm.realm().users().delete(deletedAccount).close();

            List<Map<String, Object>> changes = given().auth().oauth2(firm.accessToken())
                    .post("/api/v1/firms/keycloak/reconciliation").then().statusCode(200)
                    .body("usersChecked", equalTo(3))
                    .body("failures.size()", equalTo(0))
                    .extract().path("changes");
            assertThat(changes).anySatisfy(c -> assertThat(c).containsEntry("userId", member.userId())
                    .containsEntry("change", "enabled"));
            assertThat(changes).anySatisfy(c -> assertThat(c).containsEntry("userId", member.userId())
                    .containsEntry("change", "email_restored"));
            assertThat(changes).anySatisfy(c -> assertThat(c).containsEntry("userId", member.userId())
                    .containsEntry("change", "name_restored"));
            assertThat(changes).anySatisfy(c -> assertThat(c).containsEntry("userId", deleted.userId())
                    .containsEntry("change", "created"));
            assertThat(changes).noneSatisfy(c -> assertThat(c).containsEntry("userId", firm.ownerId()));

            UserRepresentation repaired = realm.user(account.getId()).toRepresentation();
            assertThat(repaired.isEnabled()).isTrue();
            assertThat(repaired.getEmail()).isEqualTo(member.email());
            assertThat(repaired.getLastName()).isEqualTo("Member");
            String recreated = realm.userByName(deleted.email()).getId();
            assertThat(recreated).isNotEqualTo(deletedAccount);
            assertThat(Db.row("select keycloak_user_id from keycloak_user_link where user_id = ?::uuid", deleted.userId())
                    .get("keycloak_user_id")).isEqualTo(recreated);

            given().auth().oauth2(firm.accessToken()).post("/api/v1/firms/keycloak/reconciliation").then()
                    .statusCode(200).body("changes.size()", equalTo(0));
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode reconciled = topic.await("dev.lexguard.identity.keycloak.reconciled",
                        e -> e.path("firmid").asText().equals(firm.firmId())
                                && e.path("data").path("changes").size() >= 4);
                assertThat(reconciled.path("data").path("trigger").asText()).isEqualTo("administrator");
            }
        }
    }

    @Test
    void whileKeycloakIsUnreachableJobsWaitAndThenComplete() {
        TestFirm firm = Fixtures.firm();
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            awaitAccount(realm, firm.ownerEmail());
            awaitQueueEmpty(firm.firmId());
            // Keycloak "goes down": the connection now points at a port nothing listens on
            Db.update("update keycloak_connection set server_url = 'http://127.0.0.1:9' where firm_id = ?::uuid",
                    firm.firmId());

            String email = Fixtures.uniqueEmail("during-outage");
            String userId = Fixtures.invite(firm, email, "Otto Outage");
            await().atMost(PROVISIONED).until(() -> !Db.rows("select 1 from keycloak_job where user_id = ?::uuid"
                    + " and done_at is null and attempts >= 2", userId).isEmpty());
            Map<String, Object> job = Db.row("select last_error from keycloak_job where user_id = ?::uuid"
                    + " and done_at is null", userId);
            assertThat(job.get("last_error").toString()).startsWith("keycloak_unreachable");
            assertThat(realm.userByName(email)).isNull();
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode failed = topic.await("dev.lexguard.identity.keycloak.provisioningFailed",
                        e -> e.path("data").path("userId").asText().equals(userId));
                assertThat(failed.path("data").path("error").asText()).isEqualTo("keycloak_unreachable");
            }

            Db.update("update keycloak_connection set server_url = ? where firm_id = ?::uuid", keycloak.url(),
                    firm.firmId());
            assertThat(awaitAccount(realm, email).isEnabled()).isTrue();
            awaitQueueEmpty(firm.firmId());
        }
    }

    @Test
    void disconnectingStopsProvisioning() {
        TestFirm firm = Fixtures.firm();
        try (TestRealm realm = TestRealm.create(keycloak)) {
            connect(firm, realm.connectBody()).statusCode(200);
            given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).delete("/api/v1/firms/keycloak").then().statusCode(204);
            assertThat(Db.rows("select 1 from keycloak_connection where firm_id = ?::uuid", firm.firmId())).isEmpty();
            String email = Fixtures.uniqueEmail("after");
            String userId = Fixtures.invite(firm, email, "Afta Disconnect");
            assertThat(Db.rows("select 1 from keycloak_job where user_id = ?::uuid", userId)).isEmpty();
            given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).delete("/api/v1/firms/keycloak").then().statusCode(404);
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.keycloak.disconnected",
                        e -> e.path("firmid").asText().equals(firm.firmId()));
            }
        }
    }
}
