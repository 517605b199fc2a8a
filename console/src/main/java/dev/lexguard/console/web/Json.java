package dev.lexguard.console.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading the API's JSON pages for a view: absent arrays are empty, blank strings take a fallback. */
final class Json {

    private Json() {
    }

    static List<JsonObject> items(JsonObject page) {
        return objects(page.getJsonArray("items"));
    }

    static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> list = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                list.add(array.getJsonObject(i));
            }
        }
        return list;
    }

    /** An ISO-8601 instant from an answer, or null when it is absent or not one. */
    static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
