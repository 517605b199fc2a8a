package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21: two processes of every service behind the gateway, which takes them in turn. A change of a matter's access
 * list is answered by the very next check whichever process answers it, a revoked session is refused within a second,
 * a share that expires is announced once though both sharing processes sweep every 2 s, and live feed streams held
 * on different feed processes each get every entry once.
 */
@ExtendWith(TheSystem.class)
@Replicas(2)
class ReplicasStoryIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final int AT_LEAST = 10;

    @Test
    void anAccessListChangeIsAnsweredByEveryReplicaAtOnce() throws Exception {
        List<URI> permissions = TheSystem.instances("permissions-service");
        assertThat(permissions).hasSize(2);
        Firm firm = Firm.signUp("Replicas Access LLP");
        String owner = firm.ownerToken();
        UUID pam = firm.person("pam", "Pam Paralegal");
        String matter = TheSystem.as(owner).body(Map.of("displayNumber", "2026-0021", "description", "Two of everything",
                "status", "open")).post("/api/v1/matters").then().statusCode(201).extract().path("id");
        String check = "/api/v1/access/users/" + pam + "/matters/" + matter;
        access(owner, matter, List.of(pam.toString()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> allowed(TheSystem.as(owner).get(check)));
        for (URI instance : permissions) {
            assertThat(allowed(direct(instance, owner).get(check))).as("%s before the change", instance).isTrue();
        }

        access(owner, matter, List.of());
        List<Boolean> answers = new ArrayList<>();
        long start = System.nanoTime();
        while (System.nanoTime() - start < WITHIN.toNanos()) {
            answers.add(allowed(TheSystem.as(owner).get(check)));
        }
        assertThat(answers).as("checks through the gateway within %s of the change", WITHIN)
                .hasSizeGreaterThanOrEqualTo(AT_LEAST).containsOnly(false);
        for (URI instance : permissions) {
            assertThat(allowed(direct(instance, owner).get(check))).as("%s after the change", instance).isFalse();
        }
    }

    @Test
    void aRevokedSessionIsRefusedWithinASecond() throws Exception {
        Firm firm = Firm.signUp("Replicas Sessions LLP");
        UUID pam = firm.person("pam", "Pam Paralegal");
        Map<String, String> session = Firm.login(firm.email("pam"), null);
        String token = session.get("accessToken");
        String ownCheck = "/api/v1/access/users/" + pam + "/matters";
        for (int i = 0; i < 4; i++) {
            TheSystem.as(token).get(ownCheck).then().statusCode(200);
        }

        TheSystem.as(firm.ownerToken()).delete("/api/v1/sessions/" + session.get("sessionId")).then().statusCode(204);
        long start = System.nanoTime();
        long refusedAfter = -1;
        List<Integer> afterRefusal = new ArrayList<>();
        while (System.nanoTime() - start < WITHIN.toNanos() || afterRefusal.size() < AT_LEAST) {
            int status = TheSystem.as(token).get(ownCheck).statusCode();
            if (refusedAfter < 0 && status == 401) {
                refusedAfter = System.nanoTime() - start;
            }
            if (refusedAfter >= 0) {
                afterRefusal.add(status);
            }
            if (refusedAfter < 0 && System.nanoTime() - start > WITHIN.toNanos()) {
                break;
            }
        }
        assertThat(refusedAfter).as("nanoseconds until the revoked session's token was refused")
                .isBetween(0L, WITHIN.toNanos());
        assertThat(afterRefusal).as("every answer once refused").hasSizeGreaterThanOrEqualTo(AT_LEAST).containsOnly(401);
    }

    @Test
    void aShareThatExpiresIsAnnouncedOnceThoughBothSharingProcessesSweepIt() throws Exception {
        assertThat(TheSystem.instances("sharing-service")).hasSize(2);
        Firm firm = Firm.signUp("Replicas Sweep LLP");
        String owner = firm.ownerToken();
        String matter = TheSystem.as(owner).body(Map.of("displayNumber", "2026-0212", "description", "Short notice",
                "status", "open")).post("/api/v1/matters").then().statusCode(201).extract().path("id");
        String contact = TheSystem.as(owner).body(Map.of("name", "Casey Client", "email", firm.email("casey.client"),
                "kind", "client")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        List<String> shares = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> share = Map.of("contactId", contact, "matterId", matter, "resourceType", "document",
                    "resourceId", "doc-" + i, "title", "Note " + i, "accessLevel", "view",
                    "expiresAt", Instant.now().plusSeconds(8).toString());
            // sharing-service learns who may see the new matter from permissions-service's events: retry until it has
            String[] id = new String[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Response created = TheSystem.as(owner).body(share).post("/api/v1/shares");
                id[0] = created.statusCode() == 201 ? created.jsonPath().getString("id") : null;
                return id[0] != null;
            });
            shares.add(id[0]);
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> expiredInTheFeed(owner).containsAll(shares));
        // several more sweeps of both processes: nothing is announced again
        Thread.sleep(6_000);
        List<String> expired = expiredInTheFeed(owner);
        for (String share : shares) {
            assertThat(expired.stream().filter(share::equals).count()).as("share.expired entries of %s", share).isEqualTo(1);
        }
    }

    @Test
    void streamsOnDifferentFeedProcessesEachGetEveryEntryOnce() throws Exception {
        List<URI> feeds = TheSystem.instances("feed-service");
        assertThat(feeds).hasSize(2);
        Firm firm = Firm.signUp("Replicas Stream LLP");
        String owner = firm.ownerToken();
        try (LiveStream first = LiveStream.open(feeds.get(0).resolve("/api/v1/feed/stream?objectType=group"), owner);
                LiveStream second = LiveStream.open(feeds.get(1).resolve("/api/v1/feed/stream?objectType=group"), owner)) {
            List<LiveStream> streams = List.of(first, second);
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                groups.add(TheSystem.as(owner).body(Map.of("name", "Live group " + i, "kind", "other"))
                        .post("/api/v1/groups").then().statusCode(201).extract().path("id"));
            }
            for (LiveStream stream : streams) {
                stream.awaitAll(groups, Duration.ofSeconds(20));
            }
            // a moment more for any second delivery to show
            Thread.sleep(2_000);
            for (int s = 0; s < streams.size(); s++) {
                for (String group : groups) {
                    assertThat(streams.get(s).entriesNaming(group)).as("entries of group %s on %s", group, feeds.get(s)).isEqualTo(1);
                }
            }
        }
    }

    private static List<String> expiredInTheFeed(String owner) {
        return TheSystem.as(owner).queryParam("category", "sharing").queryParam("limit", 100).get("/api/v1/feed").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.type == 'dev.lexguard.sharing.share.expired' }.object.id");
    }

    private static void access(String owner, String matter, List<String> users) {
        TheSystem.as(owner).body(Map.of("mode", "restricted", "groupIds", List.of(), "userIds", users,
                "blockedUserIds", List.of())).put("/api/v1/matters/" + matter + "/access").then().statusCode(200);
    }

    private static boolean allowed(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getBoolean("allowed");
    }

    /** A request to one process of a service, past the gateway: to show that each process answers alike. */
    private static RequestSpecification direct(URI instance, String token) {
        return RestAssured.given().baseUri(instance.toString()).header("Authorization", "Bearer " + token);
    }
}
