package dev.lexguard.platform.web.openapi;

import java.util.Locale;

/**
 * The {@code operationId} of an operation no annotation names: its method and path, camel-cased
 * ({@code GET /api/v1/users/{id}} is {@code getUsersById}, {@code POST /api/v1/auth/login/two-factor} is
 * {@code postAuthLoginTwoFactor}). Stable as long as the path is, unique across every service because each path
 * belongs to one service, and readable as a generated client's function name. {@code /api/v1} is left out; other
 * roots ({@code /internal/v1}, {@code /.well-known}) stay in the name.
 */
public final class OperationIds {

    private static final String PUBLIC_ROOT = "/api/v1/";

    private OperationIds() {
    }

    public static String of(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        String rest = path.startsWith(PUBLIC_ROOT) ? path.substring(PUBLIC_ROOT.length()) : path;
        for (String segment : rest.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter) {
                id.append("By");
                segment = segment.substring(1, segment.length() - 1);
            }
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                }
            }
        }
        return id.toString();
    }
}
