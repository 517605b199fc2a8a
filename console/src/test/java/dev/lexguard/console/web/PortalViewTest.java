package dev.lexguard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.session.SignedInContact;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The portal's pages built from sharing-service's portal answers, in the shape {@code PortalResource} documents and
 * {@code PortalShareResponse} serialises (id, resourceType, resourceId, title, accessLevel, message, sharedAt, expiresAt):
 * escaped, dated, expiring shares marked, and laid out without the firm's navigation.
 */
@QuarkusTest
class PortalViewTest {

    private static final UUID FIRM = UUID.fromString("0b6f4c1e-2d3a-4f5b-8c7d-9e0f1a2b3c4d");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final SignedInContact CASEY = new SignedInContact("a-portal-token", "the-csrf-token", UUID.randomUUID(), FIRM);

    @Inject
    Pages pages;

    /** sharing-service's own example answer (PortalResource.SHARE). */
    private static JsonObject engagementLetter() {
        return new JsonObject("""
                {"id":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","accessLevel":"view","message":"Please review and sign.","sharedAt":"2026-11-29T21:00:00.123456Z","expiresAt":"2027-05-31T00:00:00Z"}""");
    }

    private static JsonObject page(JsonObject... items) {
        return new JsonObject().put("items", new JsonArray(List.of((Object[]) items))).putNull("nextCursor");
    }

    @Test
    void theListShowsEachShareWithItsDatesAndLinksToOpeningIt() {
        JsonObject soon = new JsonObject().put("id", "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e").put("resourceType", "folder")
                .put("resourceId", "folder-77").put("title", "<img src=x onerror=alert(1)>Estate inventory").put("accessLevel", "download")
                .putNull("message").put("sharedAt", "2026-05-14T00:25:42.121578Z").put("expiresAt", "2026-12-10T00:00:00Z");
        List<PortalShareView> shares = PortalShareView.page(page(engagementLetter(), soon), NOW);

        assertThat(shares).extracting(PortalShareView::title).containsExactly("Engagement letter",
                "<img src=x onerror=alert(1)>Estate inventory");
        assertThat(shares.get(0).soon()).isFalse();
        assertThat(shares.get(1).soon()).isTrue();
        String html = pages.portalShares(CASEY, shares, false);

        assertThat(html).contains("href=\"/console/portal/" + FIRM + "/shares/6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d\">Engagement letter</a>",
                "<time datetime=\"2027-05-31T00:00:00Z\">31 May 2027</time>", "<time datetime=\"2026-11-29T21:00:00.123456Z\">29 Nov 2026</time>",
                "document, view", "folder, download", "id=\"share-7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e\"", "Expires soon");
        assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;Estate inventory");
        // the portal's own layout: its list and sign-out, with the session's CSRF token; nothing of the firm's console
        assertThat(html).contains("action=\"/console/portal/" + FIRM + "/sign-out\"", "value=\"the-csrf-token\"", "Client portal");
        assertThat(html).doesNotContain("/console/sessions", "/console/people", "/console/sharing", "/console/two-factor",
                "action=\"/console/sign-out\"", "a-portal-token");
    }

    @Test
    void anEmptyListSaysSo() {
        String html = pages.portalShares(CASEY, PortalShareView.page(page(), NOW), false);
        assertThat(html).contains("Nothing is shared with you at the moment.").doesNotContain("Only the newest");
        assertThat(pages.portalShares(CASEY, List.of(), true)).contains("Only the newest 200 are shown.");
    }

    @Test
    void anOpenedShareShowsWhatItIsAndTheFirmsMessage() {
        JsonObject letter = engagementLetter().put("message", "Please <b>review</b> and sign.");
        String html = pages.portalShare(CASEY, PortalShareView.of(letter, NOW));

        assertThat(html).contains("<h1>Engagement letter</h1>", "<code>doc-2026-0042</code>", "<dd>view</dd>",
                "Message from the firm", "Please &lt;b&gt;review&lt;/b&gt; and sign.", "31 May 2027",
                "href=\"/console/portal/" + FIRM + "/shares\"");
        assertThat(html).doesNotContain("Expires soon", "<b>review</b>");
        // no message, no expiry: neither is invented
        String bare = pages.portalShare(CASEY, PortalShareView.of(engagementLetter().putNull("message").putNull("expiresAt"), NOW));
        assertThat(bare).doesNotContain("Message from the firm").contains("never");
    }

    @Test
    void thePortalsErrorPageLeadsBackToTheFirmsPortalSignIn() {
        String html = pages.portalError(ConsoleProblem.sessionInvalid(), "req-1", FIRM);
        assertThat(html).contains("Your session has ended", "href=\"/console/portal/" + FIRM + "/sign-in\"", "req-1")
                .doesNotContain("href=\"/console/sign-in\"", "action=\"/console/portal/" + FIRM + "/sign-out\"");
        assertThat(pages.portalError(ConsoleProblem.notFound(), "req-2", null)).contains("Not found")
                .doesNotContain("/sign-in\"");
    }
}
