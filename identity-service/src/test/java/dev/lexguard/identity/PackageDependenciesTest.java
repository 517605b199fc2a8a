package dev.lexguard.identity;

import dev.lexguard.platform.web.testing.PackageDependencies;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The packages directly under dev.lexguard.identity that still import each other, as measured when issue 22 brought
 * the rule: no new pair may appear, and a pair untied must leave the list, so that it only shrinks. Longer cycles
 * through these packages remain and are not checked here; once the list is empty, this test makes way for the
 * cycle check the other services' tests make.
 */
class PackageDependenciesTest {

    private static final Set<String> STILL_TIED = Set.of(
            "approvals <-> signin",
            "devices <-> signin",
            "firms <-> users",
            "mail <-> passwords",
            "mail <-> portal",
            "mail <-> users",
            "passkeys <-> signin",
            "passkeys <-> twofactor",
            "passwords <-> signin",
            "passwords <-> users",
            "sessions <-> users",
            "signin <-> twofactor");

    @Test
    void onlyTheListedPackagesImportEachOther() {
        PackageDependencies.ofServiceOf(IdentityConfig.class).assertTwoWayPairsExactly(STILL_TIED);
    }
}
