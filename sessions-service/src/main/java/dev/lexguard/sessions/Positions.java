package dev.lexguard.sessions;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** Keyset positions read back from (authenticated) cursors; a cursor of another list is a 400 invalid-cursor. */
public final class Positions {

    private Positions() {
    }

    public static <P> P read(Optional<Map<String, String>> position, String timeKey, BiFunction<Instant, UUID, P> make) {
        if (position.isEmpty()) {
            return null;
        }
        String time = position.get().get(timeKey);
        String id = position.get().get("id");
        if (time == null || id == null) {
            throw BadRequestProblem.invalidCursor();
        }
        try {
            return make.apply(Instant.parse(time), UUID.fromString(id));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw BadRequestProblem.invalidCursor();
        }
    }

    public static Map<String, String> of(String timeKey, Instant time, UUID id) {
        return Map.of(timeKey, time.toString(), "id", id.toString());
    }
}
