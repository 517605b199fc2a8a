package dev.lexguard.sharing.shares;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of a share event: the share's common fields plus the fields of the event type. */
public final class ShareEventData {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ShareEventData(Share s) {
        fields.put("shareId", s.id());
        fields.put("matterId", s.matterId());
        fields.put("contactId", s.contactId());
        fields.put("resourceType", s.resourceType());
        fields.put("resourceId", s.resourceId());
        fields.put("title", s.title());
        fields.put("accessLevel", s.accessLevel());
        fields.put("expiresAt", s.expiresAt().toString());
        fields.put("sharedBy", s.sharedBy());
    }

    public static ShareEventData of(Share share) {
        return new ShareEventData(share);
    }

    public ShareEventData with(String field, Object value) {
        fields.put(field, value instanceof Instant instant ? instant.toString() : value);
        return this;
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }
}
