package dev.lexguard.platform.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("7d9c1f0e-2a51-4c3b-9e55-0b6a2f7c8d11");

    record Policy(UUID id, String name, Integer idleMinutes, List<String> groups, int version) {
    }

    @Test
    void previousHoldsTheOldValueOfExactlyTheChangedFields() {
        ObjectNode data = new Change(new Policy(ID, "Litigation", 30, List.of("a"), 4),
                new Policy(ID, "Litigation", 15, List.of("a", "b"), 4)).toData(JSON);

        assertThat(data.get("idleMinutes").intValue()).isEqualTo(15);
        assertThat(data.get("name").asText()).isEqualTo("Litigation");
        assertThat(data.get("previous").size()).isEqualTo(2);
        assertThat(data.at("/previous/idleMinutes").intValue()).isEqualTo(30);
        assertThat(data.at("/previous/groups").toString()).isEqualTo("[\"a\"]");
        assertThat(data.get("previous").has("name")).isFalse();
        assertThat(data.get("previous").has("version")).isFalse();
    }

    @Test
    void aValueThatBecameOrWasNullCounts() {
        ObjectNode cleared = new Change(new Policy(ID, "Tax", 30, List.of(), 1), new Policy(ID, "Tax", null, List.of(), 1))
                .toData(JSON);
        ObjectNode set = new Change(new Policy(ID, "Tax", null, List.of(), 1), new Policy(ID, "Tax", 45, List.of(), 1))
                .toData(JSON);

        assertThat(cleared.at("/previous/idleMinutes").intValue()).isEqualTo(30);
        assertThat(cleared.get("idleMinutes").isNull()).isTrue();
        assertThat(set.get("previous").has("idleMinutes")).isTrue();
        assertThat(set.at("/previous/idleMinutes").isNull()).isTrue();
    }

    @Test
    void aChangeThatChangedNothingHasAnEmptyPrevious() {
        Policy same = new Policy(ID, "Tax", 30, List.of("a"), 2);
        ObjectNode data = new Change(same, same).toData(JSON);

        assertThat(data.get("previous").isObject()).isTrue();
        assertThat(data.get("previous").isEmpty()).isTrue();
    }

    @Test
    void bothSidesMustBeObjects() {
        assertThatThrownBy(() -> new Change("old", "new").toData(JSON)).isInstanceOf(IllegalArgumentException.class);
    }
}
