package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21's first slice: two processes of every service behind the gateway, which takes them in turn. A change of a
 * matter's access list is answered by the very next check whichever process answers it, and a revoked session is
 * refused within a second.
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
