package dev.lexguard.platform.events.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The data of a change event: every field of {@code after} (the state the change produced, as the event always
 * carried it) plus {@code previous}, the values in {@code before} of exactly the fields whose value differs. Give
 * {@code before} as the same record type as {@code after}, built from the state before the change; a field that is
 * the same on both sides (an id, a counter copied from {@code after}) is left out of {@code previous}. Nested values
 * are compared whole: a changed list or object appears in {@code previous} as it was. A change that changed nothing
 * carries an empty {@code previous}.
 */
public record Change(Object before, Object after) {

    /** The name of the field holding the previous values. */
    public static final String PREVIOUS = "previous";

    public Change {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The event data: {@code after}'s fields and {@code previous}. */
    public ObjectNode toData(ObjectMapper mapper) {
        JsonNode now = mapper.valueToTree(after);
        JsonNode then = mapper.valueToTree(before);
        if (!(now instanceof ObjectNode data) || !(then instanceof ObjectNode old)) {
            throw new IllegalArgumentException("Both sides of a change must serialise to JSON objects");
        }
        ObjectNode previous = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = old.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (data.has(field.getKey()) && !field.getValue().equals(data.get(field.getKey()))) {
                previous.set(field.getKey(), field.getValue());
            }
        }
        data.set(PREVIOUS, previous);
        return data;
    }
}
