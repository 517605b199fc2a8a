package dev.lexguard.sharing.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShareFilterParamsTest {

    @Test
    void parsesEveryFilter() {
        ShareFilterParams p = new ShareFilterParams();
        UUID matter = UUID.randomUUID();
        p.resourceType = "bill";
        p.matterId = matter.toString();
        p.contactKind = "co-counsel";
        p.status = "expired";
        p.createdAfter = "2026-11-01T00:00:00+01:00";
        p.expiringWithinDays = "0";
        p.neverOpened = "false";
        p.notOpenedForDays = "30";
        ShareFilter f = p.parse();
        assertThat(f.resourceType()).isEqualTo("bill");
        assertThat(f.matterId()).isEqualTo(matter);
        assertThat(f.contactKind()).isEqualTo("co-counsel");
        assertThat(f.status()).isEqualTo("expired");
        assertThat(f.createdAfter()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(f.expiringWithinDays()).isZero();
        assertThat(f.neverOpened()).isFalse();
        assertThat(f.notOpenedForDays()).isEqualTo(30);
    }

    @Test
    void emptyMeansAny() {
        assertThat(new ShareFilterParams().parse()).isEqualTo(ShareFilter.NONE);
    }

    @Test
    void everyMalformedValueIsNamed() {
        ShareFilterParams p = new ShareFilterParams();
        p.expiringWithinDays = "99999";
        p.notOpenedForDays = "1.5";
        p.contactId = "nope";
        assertThatThrownBy(p::parse).isInstanceOfSatisfying(BadRequestProblem.class, e ->
                assertThat(e.errors()).extracting(er -> er.field()).containsExactlyInAnyOrder("expiringWithinDays", "notOpenedForDays",
                        "contactId"));
    }
}
