package dev.lexguard.permissions;

import dev.lexguard.platform.web.testing.PackageDependencies;
import org.junit.jupiter.api.Test;

/**
 * No package directly under dev.lexguard.permissions depends on one that depends back on it, directly or through others
 * (issue 22).
 */
class PackageDependenciesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageDependencies.ofServiceOf(Database.class).assertFreeOfCycles();
    }
}
