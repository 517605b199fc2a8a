package dev.lexguard.permissions.access;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.permissions.rules.Reason;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The access rule is plain Java (permissions-rules has no Jackson): this service's answers write a {@link Reason} as
 * its wire name ({@code "user-grant"}), the published strings, never as the constant's name.
 */
@Singleton
public class ReasonJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Reason.class, WireName.class);
    }

    interface WireName {
        @JsonValue
        String wireName();
    }
}
