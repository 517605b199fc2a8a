package dev.lexguard.gateway.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.tokens.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RevocationListTest {

    private final RevocationList list = new RevocationList(Duration.ofMinutes(12));
    private final UUID firm = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    private VerifiedToken token(UUID session, Instant start) {
        return new VerifiedToken(firm, user, session, false, start, start.plusSeconds(600));
    }

    @Test
    void sameSecondAsTheWatermarkIsRefused() {
        Instant watermark = Instant.parse("2026-11-29T12:00:00.500Z");
        list.userWatermark(firm, user, watermark, null);
        // auth_time has whole seconds: 12:00:00 may have been 12:00:00.3 (before) or 12:00:00.7 (after)
        assertThat(list.check(token(UUID.randomUUID(), Instant.parse("2026-11-29T12:00:00Z")))).isEqualTo("user-watermark");
        assertThat(list.check(token(UUID.randomUUID(), Instant.parse("2026-11-29T12:00:01Z")))).isNull();
    }

    @Test
    void everyWatermarkCountsNotOnlyTheLatest() {
        UUID keptFirst = UUID.randomUUID();
        UUID keptSecond = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-29T11:00:00Z");
        list.userWatermark(firm, user, Instant.parse("2026-11-29T12:00:00Z"), keptFirst);
        list.userWatermark(firm, user, Instant.parse("2026-11-29T12:05:00Z"), keptSecond);
        assertThat(list.check(token(keptFirst, start))).isEqualTo("user-watermark");
        assertThat(list.check(token(keptSecond, start))).isEqualTo("user-watermark");
    }

    @Test
    void entriesAreForgottenOnceNoLiveTokenCanNeedThem() {
        UUID session = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-29T12:00:00Z");
        list.sessionEnded(session, at);
        list.firmWatermark(firm, at, null);
        list.prune(at.plus(Duration.ofMinutes(11)));
        assertThat(list.size()).isEqualTo(2);
        list.prune(at.plus(Duration.ofMinutes(13)));
        assertThat(list.size()).isZero();
    }
}
