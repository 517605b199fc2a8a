package dev.lexguard.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImageSbomTest {

    private static final String STATUS = String.join("\n",
            "Package: libc6",
            "Status: install ok installed",
            "Architecture: amd64",
            "Version: 2.36-9+deb12u14",
            "Description: GNU C Library: Shared libraries",
            " Contains the standard libraries.",
            "",
            "Package: removed-thing",
            "Status: deinstall ok config-files",
            "Architecture: amd64",
            "Version: 1.0",
            "",
            "Package: openjdk-17-jre-headless",
            "Status: install ok installed",
            "Architecture: amd64",
            "Version: 17.0.19+10-1~deb12u2",
            "");

    @Test
    void onlyInstalledPackagesCountAndContinuationLinesAreNotFields() {
        List<Map<String, String>> packages = ImageSbom.debianPackages(STATUS);

        assertThat(packages).extracting(p -> p.get("Package")).containsExactly("libc6", "openjdk-17-jre-headless");
        assertThat(packages.get(0)).doesNotContainKey(" Contains the standard libraries.");
    }

    @Test
    void theImageIsTheSubjectAndEveryDebianPackageAndJavaLibraryAComponent() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode application = json.createObjectNode();
        application.putArray("components").addObject().put("type", "library").put("name", "caffeine")
                .put("purl", "pkg:maven/com.github.ben-manes.caffeine/caffeine@3.2.3?type=jar");

        JsonNode bom = ImageSbom.of("lexguard/permissions-service", "0.1.0-abc", ImageSbom.debianPackages(STATUS),
                application, "urn:uuid:00000000-0000-3000-8000-000000000000");

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.at("/metadata/component/type").asText()).isEqualTo("container");
        assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("lexguard/permissions-service");
        assertThat(bom.path("components")).extracting(c -> c.path("purl").asText()).containsExactly(
                "pkg:deb/debian/libc6@2.36-9+deb12u14?arch=amd64&distro=debian-12",
                "pkg:deb/debian/openjdk-17-jre-headless@17.0.19+10-1~deb12u2?arch=amd64&distro=debian-12",
                "pkg:maven/com.github.ben-manes.caffeine/caffeine@3.2.3?type=jar");
    }
}
