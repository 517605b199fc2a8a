package dev.lexguard.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackProviderTest {

    private static final DevStackOptions PRIVATE = DevStackOptions.defaults();
    private static final DevStackOptions PERSISTENT = DevStackOptions.defaults().withDataDir(Path.of("/tmp/lexguard-data"));

    @Test
    void embeddedUnlessAskedOtherwise() {
        assertEquals(DevStackProvider.EMBEDDED, DevStackProvider.choose(Map.of(), PRIVATE, tag -> true));
        assertEquals(DevStackProvider.EMBEDDED, DevStackProvider.choose(Map.of("LEXGUARD_DEVSTACK", "embedded"), PRIVATE, tag -> true));
    }

    @Test
    void containersWhenForcedEvenBeforeAskingTheEngineSoThatAMissingEngineFailsLoudly() {
        assertEquals(DevStackProvider.CONTAINERS,
                DevStackProvider.choose(Map.of("LEXGUARD_DEVSTACK", "containers"), PRIVATE, tag -> false));
    }

    @Test
    void autoNeedsASocketAnEngineWithTheImagesAndNoDataDirectory() {
        Map<String, String> socket = Map.of("LEXGUARD_DEVSTACK", "auto", "DOCKER_HOST", "unix:///run/podman/podman.sock");
        assertEquals(DevStackProvider.CONTAINERS, DevStackProvider.choose(socket, PRIVATE, tag -> true));
        assertEquals(DevStackProvider.EMBEDDED, DevStackProvider.choose(socket, PRIVATE, tag -> false));
        assertEquals(DevStackProvider.EMBEDDED, DevStackProvider.choose(socket, PERSISTENT, tag -> true));
    }

    @Test
    void forcedContainersRefuseADataDirectoryAndUnknownValuesAreRefused() {
        IllegalArgumentException dataDir = assertThrows(IllegalArgumentException.class,
                () -> DevStackProvider.choose(Map.of("LEXGUARD_DEVSTACK", "containers"), PERSISTENT, tag -> true));
        assertTrue(dataDir.getMessage().contains("keeps no data"), dataDir.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DevStackProvider.choose(Map.of("LEXGUARD_DEVSTACK", "docker"), PRIVATE, tag -> true));
        assertTrue(unknown.getMessage().contains("embedded, containers or auto"), unknown.getMessage());
    }

    @Test
    void theImageTagIsThisBuildsUnlessNamed() {
        assertEquals("0.1.0", DevStackProvider.imageTag(Map.of()));
        assertEquals("0.1.0-0123456789ab", DevStackProvider.imageTag(Map.of("LEXGUARD_DEVSTACK_IMAGE_TAG", "0.1.0-0123456789ab")));
    }
}
