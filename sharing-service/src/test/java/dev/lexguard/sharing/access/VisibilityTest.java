package dev.lexguard.sharing.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.sharing.access.Visibility.Reason;
import org.junit.jupiter.api.Test;

/** The same precedence as permissions-service's AccessFacts: unknown, unregistered, inactive, blocked, then allows. */
class VisibilityTest {

    private static Visibility facts(boolean userKnown, boolean matterKnown, boolean active, String mode, boolean blocked, boolean admin,
            boolean grant, boolean group) {
        return new Visibility(userKnown, matterKnown, active, mode, blocked, admin, grant, group);
    }

    @Test
    void unknownsComeFirst() {
        assertThat(facts(false, true, true, "everyone", false, true, false, false).decide()).isEqualTo(Reason.UNKNOWN_USER);
        assertThat(facts(true, false, true, "everyone", false, true, false, false).decide()).isEqualTo(Reason.UNKNOWN_MATTER);
        assertThat(facts(true, true, true, null, false, true, false, false).decide()).isEqualTo(Reason.MATTER_NOT_REGISTERED);
    }

    @Test
    void aBlockBeatsEveryAllowAndInactiveUsersSeeNothing() {
        assertThat(facts(true, true, false, "everyone", false, true, true, true).decide()).isEqualTo(Reason.USER_INACTIVE);
        assertThat(facts(true, true, true, "everyone", true, true, true, true).decide()).isEqualTo(Reason.BLOCKED);
        assertThat(facts(true, true, true, "everyone", true, true, true, true).allows()).isFalse();
    }

    @Test
    void allowsInOrder() {
        assertThat(facts(true, true, true, "restricted", false, true, true, true).decide()).isEqualTo(Reason.ADMINISTRATOR);
        assertThat(facts(true, true, true, "everyone", false, false, false, false).decide()).isEqualTo(Reason.EVERYONE);
        assertThat(facts(true, true, true, "restricted", false, false, true, true).decide()).isEqualTo(Reason.USER_GRANT);
        assertThat(facts(true, true, true, "restricted", false, false, false, true).decide()).isEqualTo(Reason.GROUP);
        assertThat(facts(true, true, true, "restricted", false, false, false, false).decide()).isEqualTo(Reason.NOT_ON_ACCESS_LIST);
        assertThat(facts(true, true, true, "restricted", false, false, false, false).allows()).isFalse();
    }
}
