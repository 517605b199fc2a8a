package dev.lexguard.permissions.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.groupfilters.GroupFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Current checks are answered from an in-memory snapshot per firm: these tests prove it never answers from a
 * stale one (a write on this replica, a change committed by another replica) and that it answers exactly what the
 * database would.
 */
@QuarkusTest
class AccessSnapshotCacheTest {

    @Inject
    AccessSnapshotCache cache;

    @BeforeEach
    void listening() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(cache::listening);
    }

    private static String reason(TestFirm firm, UUID user, UUID matter) {
        return firm.asOwner().get("/api/v1/access/users/{u}/matters/{m}", user, matter).then().statusCode(200)
                .extract().path("reason");
    }

    @Test
    void everyWriteIsVisibleToTheVeryNextCheck() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(), List.of());
        assertThat(reason(firm, ann, matter)).isEqualTo("not-on-access-list");
        for (int round = 0; round < 10; round++) {
            Fixtures.addMember(firm, partners, ann);
            assertThat(reason(firm, ann, matter)).as("round %d after joining", round).isEqualTo("group");
            firm.asOwner().delete("/api/v1/groups/{g}/members/{u}", partners, ann).then().statusCode(204);
            assertThat(reason(firm, ann, matter)).as("round %d after leaving", round).isEqualTo("not-on-access-list");
        }
    }

    @Test
    void aChangeCommittedByAnotherReplicaIsSeenWithinASecond() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        Fixtures.access(firm, matter, "restricted", List.of(), List.of(), List.of());
        assertThat(reason(firm, ann, matter)).isEqualTo("not-on-access-list");
        assertThat(reason(firm, ann, matter)).as("answered from the snapshot now").isEqualTo("not-on-access-list");

        // Another replica grants Ann the matter: only the database knows, and its notification.
        try (Connection jdbc = jdbc(); PreparedStatement grant = jdbc.prepareStatement("""
                insert into matter_access_entry (firm_id, matter_id, kind, principal_id, valid_from)
                values (?, ?, 'user', ?, now())""")) {
            grant.setObject(1, firm.firmId());
            grant.setObject(2, matter);
            grant.setObject(3, ann);
            grant.executeUpdate();
        }
        Instant committed = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> "user-grant".equals(reason(firm, ann, matter)));
        assertThat(Duration.between(committed, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theSnapshotAnswersExactlyWhatTheDatabaseAnswers() {
        TestFirm firm = Fixtures.firm();
        UUID zeta = Fixtures.group(firm, "zeta");
        UUID alpha = Fixtures.group(firm, "Alpha");
        UUID beta = Fixtures.group(firm, "Beta");
        List<UUID> users = new ArrayList<>(List.of(firm.ownerId()));
        users.add(Fixtures.user(firm, "Ann Attorney"));
        users.add(Fixtures.user(firm, "Bob Barrister"));
        users.add(Fixtures.user(firm, "Cat Counsel"));
        users.add(Fixtures.user(firm, "Ada Admin", "administrator"));
        users.add(Fixtures.user(firm, "Dan Outsider"));
        Fixtures.addMember(firm, zeta, users.get(1));
        Fixtures.addMember(firm, alpha, users.get(1));
        Fixtures.addMember(firm, beta, users.get(1));
        Fixtures.addMember(firm, alpha, users.get(3));
        Fixtures.addMember(firm, beta, users.get(4));
        List<UUID> matters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            matters.add(Fixtures.matter(firm, "2026-000" + i));
        }
        Fixtures.access(firm, matters.get(1), "restricted", List.of(zeta, alpha, beta), List.of(users.get(2)), List.of(users.get(3)));
        Fixtures.access(firm, matters.get(2), "restricted", List.of(), List.of(), List.of(users.get(4)));
        Fixtures.access(firm, matters.get(3), "everyone", List.of(), List.of(), List.of(users.get(5)));
        Fixtures.access(firm, matters.get(4), "restricted", List.of(alpha), List.of(users.get(1)), List.of());
        users.add(UUID.randomUUID());
        matters.add(UUID.randomUUID());

        List<Map<String, String>> checks = new ArrayList<>();
        for (UUID user : users) {
            for (UUID matter : matters) {
                checks.add(Map.of("userId", user.toString(), "matterId", matter.toString()));
            }
        }
        Map<String, Object> now = new HashMap<>();
        now.put("checks", checks);
        now.put("at", null);
        JsonPath memory = firm.asOwner().contentType(ContentType.JSON).body(now).post("/api/v1/access/checks")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> then = Map.of("checks", checks, "at", Instant.now().toString());
        JsonPath database = firm.asOwner().contentType(ContentType.JSON).body(then).post("/api/v1/access/checks")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();

        assertThat(memory.getList("results.reason")).hasSize(checks.size()).isEqualTo(database.getList("results.reason"));
        assertThat(memory.getList("results.groups")).isEqualTo(database.getList("results.groups"));
        assertThat(memory.getList("results.reason")).contains("everyone", "group", "user-grant", "blocked",
                "not-on-access-list", "administrator", "unknown-user", "unknown-matter");
        firm.asOwner().get("/api/v1/access/users/{u}/matters/{m}", users.get(1), matters.get(1)).then()
                .body("groups.name", equalTo(List.of("Alpha", "Beta", "zeta")));
    }

    @Test
    void checksAboutOthersStillNeedAdministratorFromMemory() {
        TestFirm firm = Fixtures.firm();
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        assertThat(reason(firm, ann, matter)).isEqualTo("everyone");
        firm.as(ann).get("/api/v1/access/users/{u}/matters/{m}", bob, matter).then().statusCode(403)
                .contentType("application/problem+json");
        firm.as(ann).get("/api/v1/access/users/{u}/matters/{m}", ann, matter).then().statusCode(200)
                .body("reason", equalTo("everyone"));
    }

    @Test
    void aFilteredListFromMemoryIsExactlyWhatTheDatabaseStatementLists() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        Fixtures.addMember(firm, family, ann);
        Fixtures.addMember(firm, tax, bob);
        Fixtures.addMember(firm, family, ada);
        List<UUID> matters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            matters.add(Fixtures.matter(firm, "2026-000" + i));
        }
        Fixtures.access(firm, matters.get(0), "restricted", List.of(family), List.of(), List.of());
        Fixtures.access(firm, matters.get(1), "restricted", List.of(family, tax), List.of(), List.of(ann));
        Fixtures.access(firm, matters.get(2), "restricted", List.of(tax), List.of(ann), List.of());
        Fixtures.access(firm, matters.get(3), "everyone", List.of(), List.of(), List.of(bob));
        Fixtures.access(firm, matters.get(7), "restricted", List.of(family, tax), List.of(bob), List.of());
        Fixtures.access(firm, matters.get(4), "restricted", List.of(tax), List.of(), List.of(ada));
        Fixtures.access(firm, matters.get(5), "restricted", List.of(family), List.of(), List.of(bob));
        Fixtures.access(firm, matters.get(6), "restricted", List.of(), List.of(ann), List.of());

        Map<String, GroupFilter> filters = Map.of(family.toString(), new GroupFilter(false, new TreeSet<>(List.of(family))),
                tax.toString(), new GroupFilter(false, new TreeSet<>(List.of(tax))), "mine", new GroupFilter(true, new TreeSet<>()));
        int compared = 0;
        for (UUID user : List.of(ann, bob, ada, firm.ownerId())) {
            for (Map.Entry<String, GroupFilter> filter : filters.entrySet()) {
                List<String> memory = firm.as(user).queryParam("group", filter.getKey()).get("/api/v1/matters")
                        .then().statusCode(200).extract().jsonPath().getList("items.displayNumber");
                boolean admin = user.equals(ada) || user.equals(firm.ownerId());
                String statement = AccessService.visibleMattersSql(admin, false, filter.getValue())
                        .replace(":filterGroups", filter.getValue().mine() ? "''" : "'" + filter.getKey() + "'")
                        .replace(":firm", "'" + firm.firmId() + "'").replace(":user", "'" + user + "'")
                        .replace(":caller", "'" + user + "'").replace(":rows", "51");
                List<String> database = new ArrayList<>();
                try (Connection jdbc = jdbc(); Statement query = jdbc.createStatement(); ResultSet rows = query.executeQuery(statement)) {
                    while (rows.next()) {
                        database.add(rows.getString(2));
                    }
                }
                assertThat(memory).as("%s filtered by %s", user, filter.getKey()).isEqualTo(database);
                compared += memory.size();
            }
        }
        assertThat(compared).as("the lists compared are not all empty").isGreaterThan(10);
    }

    @Test
    void aBlockCommittedByAnotherReplicaLeavesAFilteredListWithinASecond() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        Fixtures.addMember(firm, family, ann);
        UUID matter = Fixtures.matter(firm, "2026-0001");
        Fixtures.access(firm, matter, "restricted", List.of(family), List.of(), List.of());
        for (int i = 0; i < 2; i++) {
            firm.as(ann).queryParam("group", family.toString()).get("/api/v1/matters").then().statusCode(200)
                    .body("items.displayNumber", equalTo(List.of("2026-0001")));
        }

        try (Connection jdbc = jdbc(); PreparedStatement block = jdbc.prepareStatement("""
                insert into matter_access_entry (firm_id, matter_id, kind, principal_id, valid_from)
                values (?, ?, 'block', ?, now())""")) {
            block.setObject(1, firm.firmId());
            block.setObject(2, matter);
            block.setObject(3, ann);
            block.executeUpdate();
        }
        Instant committed = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                firm.as(ann).queryParam("group", family.toString()).get("/api/v1/matters").then().statusCode(200)
                        .extract().jsonPath().getList("items").isEmpty());
        assertThat(Duration.between(committed, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    private static Connection jdbc() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
