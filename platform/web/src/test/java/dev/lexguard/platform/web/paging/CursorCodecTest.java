package dev.lexguard.platform.web.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final String SECRET = "unit-test-cursor-secret-0123456789abcdef";

    private final CursorCodec codec = new CursorCodec(SECRET);
    private final UUID firm = UUID.randomUUID();
    private final Map<String, String> position = position("2026-11-29T10:15:30Z", "6f1c1f9e-0000-4000-8000-000000000001");

    @Test
    void roundTripsThePosition() {
        String cursor = codec.encode(firm, position);
        assertEquals(position, codec.decode(firm, cursor));
    }

    @Test
    void cursorIsUrlSafe() {
        String cursor = codec.encode(firm, Map.of("name", "???>>>~~~"));
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void everySingleFlippedByteIsRejected() {
        byte[] token = Base64.getUrlDecoder().decode(codec.encode(firm, position));
        for (int i = 0; i < token.length; i++) {
            byte[] tampered = token.clone();
            tampered[i] ^= 0x01;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            BadRequestProblem problem = assertThrows(BadRequestProblem.class, () -> codec.decode(firm, cursor),
                    "byte " + i);
            assertEquals("invalid-cursor", problem.slug());
        }
    }

    @Test
    void forgedPositionWithTheOldTagIsRejected() {
        byte[] token = Base64.getUrlDecoder().decode(codec.encode(firm, Map.of("id", "100")));
        String original = new String(token, 33, token.length - 33);
        byte[] forgedPayload = original.replace("100", "999").getBytes();
        byte[] forged = new byte[33 + forgedPayload.length];
        System.arraycopy(token, 0, forged, 0, 33);
        System.arraycopy(forgedPayload, 0, forged, 33, forgedPayload.length);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
        assertThrows(BadRequestProblem.class, () -> codec.decode(firm, cursor));
    }

    @Test
    void anotherFirmsCursorIsRejected() {
        String cursor = codec.encode(UUID.randomUUID(), position);
        assertThrows(BadRequestProblem.class, () -> codec.decode(firm, cursor));
    }

    @Test
    void cursorFromAnotherSecretIsRejected() {
        String cursor = new CursorCodec("another-secret-another-secret-another-secret").encode(firm, position);
        assertThrows(BadRequestProblem.class, () -> codec.decode(firm, cursor));
    }

    @Test
    void garbageIsRejected() {
        for (String garbage : List.of("", "!!!", "abc", "a".repeat(600), "AQ", Base64.getUrlEncoder()
                .encodeToString(new byte[40]))) {
            assertThrows(BadRequestProblem.class, () -> codec.decode(firm, garbage), garbage);
        }
    }

    @Test
    void shortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CursorCodec("too-short"));
    }

    @Test
    void pageWithExtraRowHasCursorAfterLastItem() {
        Page<String> page = codec.page(firm, List.of("a", "b", "c"), 2, name -> Map.of("name", name));
        assertEquals(List.of("a", "b"), page.items());
        assertTrue(page.hasMore());
        assertEquals(Map.of("name", "b"), codec.decode(firm, page.nextCursor()));
    }

    @Test
    void pageWithoutExtraRowIsTheLast() {
        Page<String> page = codec.page(firm, List.of("a", "b"), 2, name -> Map.of("name", name));
        assertEquals(List.of("a", "b"), page.items());
        assertFalse(page.hasMore());
        assertNull(page.nextCursor());
    }

    @Test
    void firstPageHasNoPosition() {
        assertTrue(codec.position(firm, PageRequest.of(10, null)).isEmpty());
        assertEquals(position, codec.position(firm, PageRequest.of(10, codec.encode(firm, position))).orElseThrow());
    }

    private static Map<String, String> position(String createdAt, String id) {
        Map<String, String> position = new LinkedHashMap<>();
        position.put("createdAt", createdAt);
        position.put("id", id);
        return position;
    }
}
