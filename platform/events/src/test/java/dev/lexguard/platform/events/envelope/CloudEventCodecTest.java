package dev.lexguard.platform.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvent sample(UUID matterId) throws Exception {
        return new CloudEvent(
                UUID.fromString("0b5f8a0e-4b7a-4a53-9a35-3f0f3b0a9c11"),
                "/identity-service",
                "dev.lexguard.identity.twofactor.enabled",
                Instant.parse("2026-11-29T18:30:00.123Z"),
                "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01",
                URI.create("https://schemas.lexguard.dev/events/dev.lexguard.identity.twofactor.enabled/1.0.json"),
                UUID.fromString("a1b2c3d4-0000-4000-8000-000000000001"),
                "6f1c2c1e-0d7d-4c59-8f55-1f1b0e5f7a01",
                ActorType.USER,
                matterId,
                JSON.readTree("{\"method\":\"totp\"}"));
    }

    @Test
    void writesEveryAttributeOfTheStructuredMode() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CloudEventCodec.write(sample(null)));
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo("0b5f8a0e-4b7a-4a53-9a35-3f0f3b0a9c11");
        assertThat(json.get("source").asText()).isEqualTo("/identity-service");
        assertThat(json.get("type").asText()).isEqualTo("dev.lexguard.identity.twofactor.enabled");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-29T18:30:00.123Z");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("firmid").asText()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
        assertThat(json.get("actortype").asText()).isEqualTo("user");
        assertThat(json.has("matterid")).isFalse();
        assertThat(json.get("data").get("method").asText()).isEqualTo("totp");
    }

    @Test
    void readsWhatItWrites() throws Exception {
        CloudEvent withMatter = sample(UUID.randomUUID());
        assertThat(CloudEventCodec.read(CloudEventCodec.write(withMatter))).isEqualTo(withMatter);
        CloudEvent withoutMatter = sample(null);
        assertThat(CloudEventCodec.read(CloudEventCodec.write(withoutMatter))).isEqualTo(withoutMatter);
    }

    @Test
    void acceptsATimeWithAnOffsetAndUnknownExtensions() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CloudEventCodec.write(sample(null)));
        json.put("time", "2026-11-29T19:30:00.123+01:00");
        json.put("partitionkey", "a1b2c3d4");
        assertThat(CloudEventCodec.read(json.toString()).time()).isEqualTo(Instant.parse("2026-11-29T18:30:00.123Z"));
    }

    @Test
    void carriesTheTraceContextAndTheRequestIdAsExtensionAttributes() throws Exception {
        CloudEvent plain = sample(null);
        CloudEvent traced = new CloudEvent(plain.id(), plain.source(), plain.type(), plain.time(), plain.subject(),
                plain.dataSchema(), plain.firmId(), plain.actorId(), plain.actorType(), null, plain.data(),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "lexguard=a1", "req-42");
        ObjectNode json = (ObjectNode) JSON.readTree(CloudEventCodec.write(traced));
        assertThat(json.get("traceparent").asText()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(json.get("tracestate").asText()).isEqualTo("lexguard=a1");
        assertThat(json.get("requestid").asText()).isEqualTo("req-42");
        assertThat(CloudEventCodec.read(json.toString())).isEqualTo(traced);
        ObjectNode untraced = (ObjectNode) JSON.readTree(CloudEventCodec.write(plain));
        assertThat(untraced.has("traceparent") || untraced.has("tracestate") || untraced.has("requestid")).isFalse();
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> CloudEventCodec.read("this is not JSON {"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> CloudEventCodec.read("[1,2]")).hasMessage("a CloudEvent must be a JSON object");
        assertThatThrownBy(() -> CloudEventCodec.read((String) null)).hasMessage("record has no value");
    }

    @Test
    void namesEachBrokenAttribute() throws Exception {
        assertBroken(json -> json.remove("id"), "id");
        assertBroken(json -> json.put("traceparent", "0af7651916cd43dd8448eb211c80319c"), "traceparent");
        assertBroken(json -> json.put("requestid", "not a request id"), "requestid");
        assertBroken(json -> json.put("id", "42"), "id");
        assertBroken(json -> json.put("specversion", "0.3"), "specversion");
        assertBroken(json -> json.put("actortype", "robot"), "actortype");
        assertBroken(json -> json.put("time", "yesterday"), "time");
        assertBroken(json -> json.put("type", "identity.enabled"), "type");
        assertBroken(json -> json.put("source", "identity-service"), "source");
        assertBroken(json -> json.remove("firmid"), "firmid");
        assertBroken(json -> json.put("data", "text"), "data");
        assertBroken(json -> json.put("datacontenttype", "text/plain"), "datacontenttype");
        assertBroken(json -> json.put("Not-An-Extension", "x"), "Not-An-Extension");
    }

    private void assertBroken(java.util.function.Consumer<ObjectNode> breaker, String attribute) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CloudEventCodec.write(sample(null)));
        breaker.accept(json);
        assertThatThrownBy(() -> CloudEventCodec.read(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid CloudEvent envelope")
                .hasMessageContaining(attribute);
    }
}
