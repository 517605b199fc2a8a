package dev.lexguard.permissions.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessFactsTest {

    private static final List<GroupRef> PARTNERS = List.of(new GroupRef(UUID.randomUUID(), "Partners"));

    private static AccessFacts facts(String mode, boolean blocked, boolean admin, boolean grant, List<GroupRef> groups) {
        return new AccessFacts(true, true, true, mode, blocked, admin, grant, groups);
    }

    @Test
    void aBlockBeatsEveryAllowAdministratorIncluded() {
        assertThat(facts("restricted", true, true, true, PARTNERS).decide().reason()).isEqualTo(Reason.BLOCKED);
        assertThat(facts("everyone", true, true, true, PARTNERS).decide().reason()).isEqualTo(Reason.BLOCKED);
        assertThat(facts("everyone", true, false, false, List.of()).decide().allowed()).isFalse();
    }

    @Test
    void administratorsSeeRestrictedMattersTheyAreNotListedOn() {
        AccessDecision decision = facts("restricted", false, true, false, List.of()).decide();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.ADMINISTRATOR);
        assertThat(facts("restricted", false, true, true, PARTNERS).decide().reason()).isEqualTo(Reason.ADMINISTRATOR);
    }

    @Test
    void everyoneModeLetsEveryActiveUserIn() {
        assertThat(facts("everyone", false, false, false, List.of()).decide().reason()).isEqualTo(Reason.EVERYONE);
    }

    @Test
    void aNamedGrantComesBeforeGroupsAndKeepsThemAsDetail() {
        AccessDecision decision = facts("restricted", false, false, true, PARTNERS).decide();
        assertThat(decision.reason()).isEqualTo(Reason.USER_GRANT);
        assertThat(decision.groups()).isEqualTo(PARTNERS);
    }

    @Test
    void groupMembershipGrantsARestrictedMatter() {
        assertThat(facts("restricted", false, false, false, PARTNERS).decide().reason()).isEqualTo(Reason.GROUP);
    }

    @Test
    void nothingOnTheListMeansNo() {
        AccessDecision decision = facts("restricted", false, false, false, List.of()).decide();
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOT_ON_ACCESS_LIST);
    }

    @Test
    void unknownInactiveAndUnregisteredAreNo() {
        assertThat(new AccessFacts(false, true, false, "everyone", false, false, false, List.of()).decide().reason())
                .isEqualTo(Reason.UNKNOWN_USER);
        assertThat(new AccessFacts(true, false, true, null, false, true, false, List.of()).decide().reason())
                .isEqualTo(Reason.UNKNOWN_MATTER);
        assertThat(new AccessFacts(true, true, true, null, false, true, false, List.of()).decide().reason())
                .isEqualTo(Reason.MATTER_NOT_REGISTERED);
        assertThat(new AccessFacts(true, true, false, "everyone", false, true, false, List.of()).decide().reason())
                .isEqualTo(Reason.USER_INACTIVE);
    }

    @Test
    void anInactiveUserIsInactiveBeforeBlockedAndAnUnknownMatterBeforeEverythingButAnUnknownUser() {
        assertThat(new AccessFacts(true, true, false, "everyone", true, true, true, PARTNERS).decide().reason())
                .isEqualTo(Reason.USER_INACTIVE);
        assertThat(AccessFacts.unknownMatter(true).decide().reason()).isEqualTo(Reason.UNKNOWN_MATTER);
        assertThat(AccessFacts.unknownMatter(false).decide().reason()).isEqualTo(Reason.UNKNOWN_USER);
    }

    @Test
    void onlyTheFourAllowingReasonsAllow() {
        assertThat(Arrays.stream(Reason.values()).filter(Reason::allows))
                .containsExactly(Reason.ADMINISTRATOR, Reason.EVERYONE, Reason.USER_GRANT, Reason.GROUP);
    }

    @Test
    void wireNamesAreThePublishedStrings() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::wireName)).containsExactly("administrator", "everyone",
                "user-grant", "group", "blocked", "not-on-access-list", "user-inactive", "matter-not-registered",
                "unknown-user", "unknown-matter");
    }
}
