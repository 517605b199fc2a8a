package dev.lexguard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeopleAndAccessViewTest {

    private static final String BEA = "cdba682f-99c5-4e72-b35b-9cec60f45e73";
    private static final String OLU = "0b6c6f1e-3d1a-4a8e-9a55-2f1e0c7d9b10";
    private static final String FAMILY = "5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23";
    private static final String MATTER = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d";

    private static JsonObject page(JsonObject... items) {
        return new JsonObject().put("items", new JsonArray(List.of((Object[]) items))).putNull("nextCursor");
    }

    @Test
    void eachPersonHasTheirPermissionsAndRolesAndEachGroupItsMembers() {
        JsonObject users = page(
                new JsonObject().put("id", BEA).put("email", "bea@harbourlane.example").put("displayName", "Bea Biller")
                        .put("status", "active").put("owner", false),
                new JsonObject().put("id", OLU).put("email", "olu@harbourlane.example").put("displayName", "Olu Owner")
                        .put("status", "active").put("owner", true));
        Map<String, JsonObject> permissions = Map.of(
                BEA, new JsonObject().put("userId", BEA).put("owner", false).put("permissions", new JsonArray().add("billing").add("reporting"))
                        .put("directPermissions", new JsonArray().add("billing"))
                        .put("roles", new JsonArray().add(new JsonObject().put("id", "0b9d8e1a-44a3-4bb0-8c43-6f3f1f0e2a11")
                                .put("name", "Reporting clerk"))),
                OLU, new JsonObject().put("userId", OLU).put("owner", true).put("permissions", new JsonArray().add("administrator"))
                        .put("directPermissions", new JsonArray()).put("roles", new JsonArray()));
        JsonObject groups = page(new JsonObject().put("id", FAMILY).put("name", "Family law").put("description", "Family matters"));
        Map<String, JsonObject> members = Map.of(FAMILY,
                page(new JsonObject().put("userId", BEA).put("displayName", "Bea Biller").put("status", "active")));
        JsonObject matters = page(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042")
                .put("description", "Okafor v. Lane: custody").put("status", "open").put("access", "restricted"));

        PeopleView view = PeopleView.of(users, permissions, groups, members, matters);

        assertThat(view.people()).extracting(PeopleView.PersonRow::displayName).containsExactly("Bea Biller", "Olu Owner");
        assertThat(view.people().get(0)).satisfies(bea -> {
            assertThat(bea.permissions()).isEqualTo("billing, reporting");
            assertThat(bea.direct()).isEqualTo("billing");
            assertThat(bea.roles()).isEqualTo("Reporting clerk");
            assertThat(bea.owner()).isFalse();
        });
        assertThat(view.people().get(1)).satisfies(olu -> {
            assertThat(olu.owner()).isTrue();
            assertThat(olu.direct()).isEqualTo("none");
            assertThat(olu.roles()).isEqualTo("none");
        });
        assertThat(view.groups()).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("Family law");
            assertThat(group.members()).extracting(PeopleView.MemberRow::displayName).containsExactly("Bea Biller");
        });
        assertThat(view.matters()).singleElement().satisfies(m -> assertThat(m.access()).isEqualTo("Restricted"));
    }

    @Test
    void aUserPermissionsDoesNotKnowYetIsSaidSoNotShownWithoutPermissions() {
        JsonObject users = page(new JsonObject().put("id", BEA).put("email", "bea@harbourlane.example").put("status", "invited"));
        PeopleView view = PeopleView.of(users, Map.of(BEA, new JsonObject().put(PeopleView.NOT_YET_KNOWN, true)), page(), Map.of(),
                page());
        assertThat(view.people()).singleElement().satisfies(bea -> {
            assertThat(bea.displayName()).isEqualTo("bea@harbourlane.example");
            assertThat(bea.permissions()).isEqualTo("not known to permissions yet");
            assertThat(bea.roles()).isEqualTo("not known yet");
        });
    }

    @Test
    void aNonAdministratorsPageHasGroupsOnly() {
        PeopleView view = PeopleView.of(new JsonObject(), Map.of(), page(new JsonObject().put("id", FAMILY).put("name", "Family law")),
                Map.of(), new JsonObject());
        assertThat(view.people()).isEmpty();
        assertThat(view.matters()).isEmpty();
        assertThat(view.groups()).singleElement().satisfies(group -> assertThat(group.members()).isEmpty());
    }

    @Test
    void everyViewerSaysWhyTheyCanSeeTheMatter() {
        JsonObject matter = new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042").put("description", "Okafor v. Lane");
        JsonObject list = new JsonObject().put("matterId", MATTER).put("mode", "restricted")
                .put("groups", new JsonArray().add(new JsonObject().put("id", FAMILY).put("name", "Family law")))
                .put("users", new JsonArray())
                .put("blockedUsers", new JsonArray().add(new JsonObject().put("id", "3f2e1d0c-9b8a-4765-8432-10fedcba9876")
                        .put("name", "Carl Conflicted")));
        JsonObject viewers = page(
                new JsonObject().put("userId", BEA).put("displayName", "Bea Biller").put("reason", "group")
                        .put("groups", new JsonArray().add(new JsonObject().put("id", FAMILY).put("name", "Family law"))),
                new JsonObject().put("userId", OLU).put("displayName", "Olu Owner").put("reason", "administrator")
                        .put("groups", new JsonArray()));

        MatterAccessView view = MatterAccessView.of(matter, list, viewers, "2026-11-01");

        assertThat(view.restricted()).isTrue();
        assertThat(view.groups()).extracting(MatterAccessView.Principal::name).containsExactly("Family law");
        assertThat(view.blocked()).extracting(MatterAccessView.Principal::name).containsExactly("Carl Conflicted");
        assertThat(view.viewers()).extracting(MatterAccessView.ViewerRow::why)
                .containsExactly("Through the group Family law", "An administrator of the firm");
        assertThat(view.moreViewers()).isFalse();
        assertThat(view.on()).isEqualTo("2026-11-01");
        assertThat(MatterAccessView.why("user-grant", List.of())).isEqualTo("Named on the access list");
        assertThat(MatterAccessView.why("everyone", List.of())).isEqualTo("The matter is open to everyone in the firm");
    }
}
