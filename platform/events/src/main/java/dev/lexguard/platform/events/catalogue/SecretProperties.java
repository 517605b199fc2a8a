package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds property names that suggest a secret (password, secret, token, seed, PIN, recovery code, hash)
 * anywhere in a JSON document. Events never carry secrets, so such a name is refused outright rather
 * than trusted to hold something harmless.
 */
public final class SecretProperties {

    // Long, unambiguous stems are matched anywhere in the name ("userpassword", "clientSecretRef").
    private static final List<String> STEMS = List.of("password", "passwd", "passphrase", "secret", "recoverycode", "privatekey");
    // Short words are matched as whole words of a camelCase/snake_case name, so "pinned" or "shipping" pass.
    private static final Set<String> WORDS = Set.of(
            "pin", "pins", "seed", "seeds", "token", "tokens", "hash", "hashes", "hashed");

    private SecretProperties() {
    }

    /** Paths (e.g. {@code /user/passwordHash}) of every property whose name looks like a secret. */
    public static List<String> find(JsonNode node) {
        List<String> found = new ArrayList<>();
        walk(node, "", found);
        return found;
    }

    public static boolean looksSecret(String propertyName) {
        String lower = propertyName.toLowerCase(Locale.ROOT);
        String compact = lower.replaceAll("[^a-z0-9]", "");
        if (STEMS.stream().anyMatch(compact::contains)) {
            return true;
        }
        String[] words = propertyName
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .split("[^a-z0-9]+");
        for (int i = 0; i < words.length; i++) {
            if (WORDS.contains(words[i])) {
                return true;
            }
            if (words[i].equals("recovery") && i + 1 < words.length && words[i + 1].startsWith("code")) {
                return true;
            }
        }
        return false;
    }

    private static void walk(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "/" + field.getKey();
                if (looksSecret(field.getKey())) {
                    found.add(childPath);
                }
                walk(field.getValue(), childPath, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, found);
            }
        }
    }
}
