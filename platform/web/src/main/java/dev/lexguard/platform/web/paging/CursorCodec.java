package dev.lexguard.platform.web.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.WebConfig;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a keyset position (the sort values of the last row of a page, as strings) into an opaque
 * cursor and back. The cursor is base64url of a version byte, an HMAC-SHA256 tag and the position as
 * JSON; the tag covers the firm id, so a cursor is only good for the firm it was issued to.
 * A tampered, foreign or garbage cursor answers 400 {@code invalid-cursor}.
 * <p>
 * The position is authenticated, not encrypted: never put anything in it the caller may not see.
 */
@ApplicationScoped
public class CursorCodec {

    private static final byte VERSION = 1;
    private static final int TAG_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOMAIN = "lexguard-cursor-v1".getBytes(StandardCharsets.UTF_8);
    private static final TypeReference<LinkedHashMap<String, String>> POSITION = new TypeReference<>() {
    };

    // A private mapper: the application's strictness settings must not change what a cursor holds.
    private final ObjectMapper json = new ObjectMapper();
    private final SecretKeySpec key;

    @Inject
    public CursorCodec(WebConfig config) {
        this(config.cursorSecret());
    }

    public CursorCodec(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("lexguard.web.cursor-secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String encode(UUID firmId, Map<String, String> position) {
        if (position == null || position.isEmpty()) {
            throw new IllegalArgumentException("a cursor needs a position");
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(position);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        byte[] tag = tag(firmId, payload);
        ByteBuffer token = ByteBuffer.allocate(1 + TAG_LENGTH + payload.length);
        token.put(VERSION).put(tag).put(payload);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
        if (cursor.length() > PageRequest.MAX_CURSOR_LENGTH) {
            throw new IllegalArgumentException("the position is too large for a cursor");
        }
        return cursor;
    }

    /** @throws BadRequestProblem {@code invalid-cursor} unless this service issued the cursor to this firm */
    public Map<String, String> decode(UUID firmId, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > PageRequest.MAX_CURSOR_LENGTH) {
            throw BadRequestProblem.invalidCursor();
        }
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw BadRequestProblem.invalidCursor();
        }
        if (token.length <= 1 + TAG_LENGTH || token[0] != VERSION) {
            throw BadRequestProblem.invalidCursor();
        }
        byte[] tag = Arrays.copyOfRange(token, 1, 1 + TAG_LENGTH);
        byte[] payload = Arrays.copyOfRange(token, 1 + TAG_LENGTH, token.length);
        if (!MessageDigest.isEqual(tag, tag(firmId, payload))) {
            throw BadRequestProblem.invalidCursor();
        }
        try {
            return Collections.unmodifiableMap(json.readValue(payload, POSITION));
        } catch (IOException e) {
            throw BadRequestProblem.invalidCursor();
        }
    }

    /** The position to continue after, or empty on the first page. */
    public Optional<Map<String, String>> position(UUID firmId, PageRequest page) {
        return page.cursor() == null ? Optional.empty() : Optional.of(decode(firmId, page.cursor()));
    }

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only says there is more, and the
     * cursor points after the last row returned.
     */
    public <T> Page<T> page(UUID firmId, List<T> rows, int limit, Function<T, Map<String, String>> positionOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, encode(firmId, positionOf.apply(items.get(items.size() - 1))));
    }

    private byte[] tag(UUID firmId, byte[] payload) {
        if (firmId == null) {
            throw new IllegalArgumentException("a cursor is bound to a firm");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(DOMAIN);
            mac.update((byte) 0);
            mac.update(firmId.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
