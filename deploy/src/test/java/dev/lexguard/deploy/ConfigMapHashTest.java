package dev.lexguard.deploy;

import static dev.lexguard.deploy.KubernetesManifestsTest.lexguardConfig;
import static dev.lexguard.deploy.KubernetesManifestsTest.overlay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lexguard-config is generated with the hash of its content in its name: a changed value gives the Deployments a new
 * name to read, so `kubectl apply` rolls them out with it (before, a ConfigMap edit reached no running pod until it
 * happened to restart).
 */
class ConfigMapHashTest {

    @Test
    void theSuffixIsKustomizesForTheSameContent() {
        ObjectNode data = Kustomize.YAML.createObjectNode().put("mail-from", "LexGuard <no-reply@lexguard.example.com>")
                .put("empty", "").put("quote", "say \"hi\" & go");
        // kubectl kustomize's name for this content (configMapGenerator `vector` with these three lines in an env file)
        assertThat(ConfigMapHash.suffix(data)).isEqualTo("4mb6km4mm6");
        assertThat(ConfigMapHash.suffix(data.deepCopy().put("empty", "x"))).isNotEqualTo("4mb6km4mm6");
        // a second vector without characters to escape: `a=b` is kubectl's v2-4h2mbtbbt6
        assertThat(ConfigMapHash.suffix(Kustomize.YAML.createObjectNode().put("a", "b"))).isEqualTo("4h2mbtbbt6");
    }

    @Test
    void everyOverlayNamesItsOwnConfigurationAndEveryReferenceFollows() {
        List<ObjectNode> dev = overlay("dev");
        List<ObjectNode> prod = overlay("prod");
        String devName = lexguardConfig(dev).path("metadata").path("name").asText();
        String prodName = lexguardConfig(prod).path("metadata").path("name").asText();
        // production's patches (its PostgreSQL, GeoIP paths) change the content, so the name
        assertThat(devName).isNotEqualTo(prodName);
        for (List<ObjectNode> resources : List.of(dev, prod)) {
            String name = lexguardConfig(resources).path("metadata").path("name").asText();
            assertThat(resources.stream().flatMap(r -> r.findValues("configMapKeyRef").stream())
                    .map(reference -> reference.path("name").asText()).distinct()).containsExactly(name);
            assertThat(lexguardConfig(resources).path("metadata").has("annotations")).as("no marker left behind").isFalse();
            assertThat(lexguardConfig(resources).path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                    .isEqualTo("lexguard");
        }
    }
}
