package dev.lexguard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OverviewViewTest {

    private static final String ADA = "cdba682f-99c5-4e72-b35b-9cec60f45e73";

    private static JsonObject page(JsonObject... items) {
        return new JsonObject().put("items", new JsonArray(java.util.List.of((Object[]) items))).putNull("nextCursor");
    }

    @Test
    void usersAreCountedByStateAndUnusualSignInsNameThePerson() {
        JsonObject users = page(
                new JsonObject().put("userId", ADA).put("email", "ada@harbourlane.example").put("displayName", "Ada Okafor")
                        .put("state", "enabled").put("methods", new JsonArray().add("totp").add("passkey")),
                new JsonObject().put("userId", "0b6e3f1a-5c2d-4e8f-9a7b-1c3d5e7f9a2b").put("email", "ben@harbourlane.example")
                        .put("displayName", "Ben Lane").put("state", "overdue").put("methods", new JsonArray()));
        JsonObject signIns = page(new JsonObject().put("id", "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f").put("userId", ADA)
                .put("outcome", "succeeded").put("clientIp", "175.16.199.0")
                .put("location", new JsonObject().put("city", "Changchun").put("country", "China"))
                .put("unusualReasons", new JsonArray().add("impossible_travel")).put("occurredAt", "2026-11-29T19:30:00Z"));
        JsonObject due = page(new JsonObject().put("id", "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d").put("title", "Engagement letter")
                .put("contactName", "Casey Client").put("nextReviewAt", "2026-11-30T21:00:00Z").put("review", "not-due"));
        OverviewView view = OverviewView.of(new JsonObject().put("required", true).put("graceDays", 14), users, signIns,
                page(), due, 7, 14, 7);
        assertThat(view.enabled()).isEqualTo(1);
        assertThat(view.overdue()).isEqualTo(1);
        assertThat(view.pending()).isZero();
        assertThat(view.users()).extracting(OverviewView.UserRow::stateLabel).containsExactly("Enabled", "Overdue");
        assertThat(view.users().get(0).methods()).isEqualTo("totp, passkey");
        assertThat(view.unusualSignIns()).singleElement().satisfies(row -> {
            assertThat(row.who()).isEqualTo("ada@harbourlane.example");
            assertThat(row.where()).isEqualTo("Changchun, China");
            assertThat(row.reasons()).isEqualTo("impossible travel");
            assertThat(row.when()).isEqualTo("29 Nov 2026 19:30 UTC");
        });
        assertThat(view.expiring()).isEmpty();
        assertThat(view.reviewsDue()).singleElement().satisfies(row -> {
            assertThat(row.review()).isEqualTo("review coming up");
            assertThat(row.date()).isEqualTo("30 Nov 2026");
        });
    }
}
