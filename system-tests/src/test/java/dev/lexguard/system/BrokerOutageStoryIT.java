package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 5: the Kafka broker stops while people keep working; nothing they do fails, and once the broker is back
 * every event reaches the firm feed exactly once.
 */
@ExtendWith(TheSystem.class)
class BrokerOutageStoryIT {

    @Test
    void workDoneWhileTheBrokerIsDownReachesTheFeedExactlyOnce() {
        Firm firm = Firm.signUp("Story Five LLP");
        List<String> groups = new ArrayList<>();
        TheSystem.devstack().stopKafka();
        try {
            for (int i = 0; i < 10; i++) {
                groups.add(TheSystem.as(firm.ownerToken()).body(Map.of("name", "Outage group " + i, "kind", "other"))
                        .post("/api/v1/groups").then().statusCode(201).extract().path("id"));
            }
        } finally {
            TheSystem.devstack().startKafka();
        }
        for (String group : groups) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    TheSystem.as(firm.ownerToken()).queryParam("objectType", "group").queryParam("objectId", group).get("/api/v1/feed")
                            .then().statusCode(200).extract().jsonPath().getList("items").size() >= 1);
        }
        // Redeliveries after the outage must not have made second entries.
        for (String group : groups) {
            List<Object> entries = TheSystem.as(firm.ownerToken()).queryParam("objectType", "group").queryParam("objectId", group).get("/api/v1/feed")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(entries).as("feed entries about group %s", group).hasSize(1);
        }
    }
}
