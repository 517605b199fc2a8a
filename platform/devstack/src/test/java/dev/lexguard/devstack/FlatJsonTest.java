package dev.lexguard.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlatJsonTest {

    @Test
    void writtenValuesReadBackAsText() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("pgPort", 15432);
        values.put("persistent", false);
        values.put("dataDir", "/tmp/a \"quoted\" \\ dir\twith\nlines");
        String json = FlatJson.write(values);

        assertEquals("{\"pgPort\":15432,\"persistent\":false,\"dataDir\":\"/tmp/a \\\"quoted\\\" \\\\ dir\\twith\\nlines\"}", json);
        assertEquals(Map.of("pgPort", "15432", "persistent", "false", "dataDir", "/tmp/a \"quoted\" \\ dir\twith\nlines"),
                FlatJson.read(json));
    }

    @Test
    void readsWhitespaceAndUnicodeEscapes() {
        assertEquals(Map.of("a", "é", "b", "-1"), FlatJson.read(" { \"a\" : \"\\u00e9\" , \"b\" : -1 } "));
        assertEquals(Map.of(), FlatJson.read("{}"));
    }

    @Test
    void malformedDocumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read(""));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":\"unterminated}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":{\"nested\":1}}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.read("{\"a\":\"\\x\"}"));
    }
}
