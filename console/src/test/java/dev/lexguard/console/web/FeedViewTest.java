package dev.lexguard.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.console.gateway.ConsoleProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed's views built from feed-service's answers (the examples of its FeedResource and ChainResource). */
class FeedViewTest {

    /** feed-service's FeedResource.ENTRY: a matter changed by a user. */
    static final String ENTRY = """
            {"id":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","occurredAt":"2026-11-29T19:44:15.961Z","recordedAt":"2026-11-29T19:44:16.012345Z","type":"dev.lexguard.permissions.matter.updated","category":"matters","actor":{"id":"442058c2-4ebc-4d5f-b217-134de6297199","type":"user","displayName":"Ada Okafor"},"verb":"updated","object":{"type":"matter","id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","title":"2026-0042"},"matter":{"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042"},"summary":"Matter 2026-0042 was changed","details":{"matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","clientContactId":null,"responsibleAttorneyId":null,"practiceArea":"Family law","status":"open"},"redacted":false,"ip":null,"location":null,"changes":[]}""";
    /** A periodic purge's entry: the system acted, nothing about a matter, no display name. */
    static final String SYSTEM_ENTRY = """
            {"id":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b","occurredAt":"2026-12-01T03:00:00Z","recordedAt":"2026-12-01T03:00:00.2Z","type":"dev.lexguard.feed.retention.purged","category":"security","actor":{"id":"feed-service","type":"system","displayName":null},"verb":"purged","object":{"type":"feed","id":"feed","title":null},"matter":null,"summary":"120 feed entries past the retention were purged","details":null,"redacted":true,"ip":null,"location":null,"changes":[]}""";
    /** feed-service's ChainResource.VALID and BROKEN examples. */
    static final String VALID = """
            {"valid":true,"from":121,"to":162,"checked":42,"anchor":{"seq":120,"hash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","lastPurge":{"purged":120,"fromSeq":1,"oldestOccurredAt":"2025-01-04T09:12:00Z","newestOccurredAt":"2025-11-28T17:40:00Z","at":"2026-11-29T21:00:00.123456Z","by":{"type":"user","id":"442058c2-4ebc-4d5f-b217-134de6297199"},"entryId":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}},"head":{"seq":162,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":null}""";
    static final String BROKEN = """
            {"valid":false,"from":1,"to":42,"checked":16,"anchor":{"seq":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000"},"head":{"seq":42,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":{"seq":17,"entryId":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","reason":"hash-mismatch","expectedHash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","storedHash":"7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b"}}""";
    static final String CURSOR = "AcPpFMCNtzYm9IV5iXk2ZPsXJJ-9aL9-EF-dkYQPHACUeyJ0IjoiMTc2NDQ0NTQ1NTk2MTAwMCIsInMiOiI0MiJ9";
    static final String MATTER = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d";

    static JsonObject page(String cursor, String... entries) {
        JsonArray items = new JsonArray();
        for (String entry : entries) {
            items.add(new JsonObject(entry));
        }
        return new JsonObject().put("items", items).put("nextCursor", cursor);
    }

    @Test
    void eachEntryIsARowOfTheTimelineWithItsActorTimeCategoryAndMatter() {
        FeedFilters filters = FeedFilters.parse(null, null, null, null, null, null);
        JsonObject matters = new JsonObject().put("items", new JsonArray(List.of(new JsonObject().put("id", MATTER)
                .put("displayNumber", "2026-0042").put("description", "Okafor v. Lane: custody"))));

        FeedView view = FeedView.firm(page(CURSOR, SYSTEM_ENTRY, ENTRY), filters, matters);

        assertThat(view.entries()).extracting(FeedView.EntryRow::summary)
                .containsExactly("120 feed entries past the retention were purged", "Matter 2026-0042 was changed");
        FeedView.EntryRow matterEntry = view.entries().get(1);
        assertThat(matterEntry.actor()).isEqualTo("Ada Okafor");
        assertThat(matterEntry.when()).isEqualTo("29 Nov 2026, 19:44 UTC");
        assertThat(matterEntry.category()).isEqualTo("matters");
        assertThat(matterEntry.matterId()).isEqualTo(MATTER);
        assertThat(matterEntry.matterNumber()).isEqualTo("2026-0042");
        FeedView.EntryRow purge = view.entries().get(0);
        assertThat(purge.actor()).isEqualTo("LexGuard");
        assertThat(purge.matterId()).isNull();
        assertThat(purge.redacted()).isTrue();
        assertThat(view.matters()).extracting(FeedView.Option::label).containsExactly("2026-0042 Okafor v. Lane: custody");
        assertThat(view.olderLink()).isEqualTo("/console/feed?cursor=" + CURSOR);
        assertThat(view.streamUrl()).isEqualTo("/console/feed/stream");
    }

    @Test
    void olderEntriesAndTheLiveStreamKeepTheFilters() {
        FeedFilters filters = FeedFilters.parse("user", "security", MATTER, "2026-11-01", null, null);

        FeedView view = FeedView.firm(page(CURSOR, ENTRY), filters, new JsonObject());

        String query = "actor=user&category=security&matter=" + MATTER + "&from=2026-11-01";
        assertThat(view.olderLink()).isEqualTo("/console/feed?" + query + "&cursor=" + CURSOR);
        assertThat(view.streamUrl()).isEqualTo("/console/feed/stream?" + query);
        assertThat(filters.apiQuery()).isEqualTo("&actorType=user&category=security&matterId=" + MATTER + "&from=2026-11-01T00:00:00Z");
        // an older page, or a range that has ended, gets no live entries
        assertThat(FeedView.firm(page(null, ENTRY), FeedFilters.parse(null, null, null, null, null, CURSOR), new JsonObject())
                .streamUrl()).isNull();
        assertThat(FeedView.firm(page(null, ENTRY), FeedFilters.parse(null, null, null, null, "2026-11-30", null), new JsonObject())
                .streamUrl()).isNull();
        assertThat(FeedView.firm(page(null, ENTRY), filters, new JsonObject()).olderLink()).isNull();
    }

    @Test
    void aMattersFeedIsTitledWithItsNumberAndStreamsOnlyThatMatter() {
        JsonObject matter = new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042").put("description", "Okafor v. Lane: custody");

        FeedView view = FeedView.matter(page(CURSOR, ENTRY), FeedFilters.parse(null, "matters", null, null, null, null), MATTER, matter);

        assertThat(view.matterNumber()).isEqualTo("2026-0042");
        assertThat(view.matterDescription()).isEqualTo("Okafor v. Lane: custody");
        assertThat(view.olderLink()).isEqualTo("/console/matters/" + MATTER + "/feed?category=matters&cursor=" + CURSOR);
        assertThat(view.streamUrl()).isEqualTo("/console/feed/stream?matter=" + MATTER + "&category=matters");
        // the matter could not be read: its number comes from the entries
        assertThat(FeedView.matter(page(null, ENTRY), FeedFilters.parse(null, null, null, null, null, null), MATTER, new JsonObject())
                .matterNumber()).isEqualTo("2026-0042");
    }

    @Test
    void theRangeIsWholeDaysInUtcWithTheLastDayIncluded() {
        FeedFilters filters = FeedFilters.parse(null, null, null, "2026-11-01", "2026-11-30", null);
        assertThat(filters.rangeQuery()).isEqualTo("&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
    }

    @Test
    void filtersOutsideTheFeedsListsAreRefusedUnsent() {
        assertThatThrownBy(() -> FeedFilters.parse("robot", null, null, null, null, null)).isInstanceOf(ConsoleProblem.class)
                .extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> FeedFilters.parse(null, "everything", null, null, null, null)).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> FeedFilters.parse(null, null, "../users", null, null, null)).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> FeedFilters.parse(null, null, null, "yesterday", null, null)).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> FeedFilters.parse(null, null, null, "2026-12-02", "2026-12-01", null)).extracting("status")
                .isEqualTo(400);
        assertThatThrownBy(() -> FeedFilters.parse(null, null, null, null, null, "abc&limit=100000")).extracting("status")
                .isEqualTo(400);
    }

    @Test
    void theChainIsIntactWithItsLastPurgeOrBrokenAtItsFirstBreak() {
        FeedChainView intact = FeedChainView.of(new JsonObject(VALID));
        assertThat(intact.valid()).isTrue();
        assertThat(intact.checked()).isEqualTo(42);
        assertThat(intact.headSeq()).isEqualTo(162);
        assertThat(intact.lastPurge().purged()).isEqualTo(120);
        assertThat(intact.lastPurge().byType()).isEqualTo("user");
        assertThat(intact.lastPurge().at()).isEqualTo("2026-11-29T21:00:00.123456Z");

        FeedChainView broken = FeedChainView.of(new JsonObject(BROKEN));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.breakSeq()).isEqualTo(17);
        assertThat(broken.breakReason()).isEqualTo("The entry's content or hash was changed");
        assertThat(broken.breakEntryId()).isEqualTo("0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f");
        assertThat(broken.lastPurge()).isNull();
    }
}
