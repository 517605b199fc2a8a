package dev.lexguard.feed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static EntryDraft entry(String summary, Instant at) {
        return new EntryDraft(UUID.fromString("0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f"), UUID.fromString("3a0d4710-d6e9-4e9b-97a0-001ecd772647"),
                at, "dev.lexguard.activity.note.added", "/activity-service", "activity", false, "u-1", "user", "added", "note",
                "n-1", null, null, null, summary, "{\"noteId\":\"n-1\"}", null, null);
    }

    @Test
    void theCanonicalFormIsFixedAndTimesAreWholeMicroseconds() {
        String canonical = ChainHash.canonical(entry("Note added", Instant.parse("2026-11-29T10:00:00.123456789Z")));
        assertThat(canonical).isEqualTo("[\"feed-entry/1\",\"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f\",\"3a0d4710-d6e9-4e9b-97a0-001ecd772647\","
                + "\"2026-11-29T10:00:00.123456Z\",\"dev.lexguard.activity.note.added\",\"/activity-service\",\"activity\",false,\"u-1\","
                + "\"user\",\"added\",\"note\",\"n-1\",null,null,null,\"Note added\",\"{\\\"noteId\\\":\\\"n-1\\\"}\",null,null]");
    }

    @Test
    void eachHashCoversThePreviousHashAndTheEntry() throws Exception {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        String canonical = ChainHash.canonical(entry("Note added", at));
        byte[] first = ChainHash.next(ChainHash.GENESIS, canonical);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        assertThat(first).isEqualTo(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(ChainHash.next(first, canonical)).isNotEqualTo(first);
        assertThat(ChainHash.next(ChainHash.GENESIS, ChainHash.canonical(entry("Note added!", at)))).isNotEqualTo(first);
        assertThat(ChainHash.hex(first)).hasSize(64).matches("[0-9a-f]+");
    }
}
