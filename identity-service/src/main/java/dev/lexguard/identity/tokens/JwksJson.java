package dev.lexguard.identity.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** The JWK Set as JSON text. */
@ApplicationScoped
public class JwksJson {

    private final SigningKeys keys;
    private final ObjectMapper mapper;

    public JwksJson(SigningKeys keys, ObjectMapper mapper) {
        this.keys = keys;
        this.mapper = mapper;
    }

    public String json() {
        try {
            return mapper.writeValueAsString(keys.jwks());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JWK Set of strings always serialises", e);
        }
    }
}
