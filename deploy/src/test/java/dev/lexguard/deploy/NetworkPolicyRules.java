package dev.lexguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The NetworkPolicy rules that apply to a Deployment's pods in one direction (Kubernetes allows their union). */
final class NetworkPolicyRules {

    private NetworkPolicyRules() {
    }

    /** The {@code ingress} or {@code egress} rules ({@code policyType} Ingress or Egress) of the policies selecting its pods. */
    static Stream<JsonNode> of(List<ObjectNode> resources, String policyType, ObjectNode deployment) {
        JsonNode pod = deployment.path("spec").path("template").path("metadata").path("labels");
        return resources.stream().filter(r -> "NetworkPolicy".equals(r.path("kind").asText()))
                .filter(p -> p.path("spec").path("policyTypes").toString().contains(policyType))
                .filter(p -> LabelSelector.selects(p.path("spec").path("podSelector"), pod))
                .flatMap(p -> StreamSupport.stream(p.path("spec").path(policyType.toLowerCase(Locale.ROOT)).spliterator(), false));
    }

    /** The peers of a rule ({@code from} of an ingress rule, {@code to} of an egress rule). */
    static Stream<JsonNode> peers(JsonNode rule) {
        return StreamSupport.stream((rule.has("from") ? rule.path("from") : rule.path("to")).spliterator(), false);
    }
}
