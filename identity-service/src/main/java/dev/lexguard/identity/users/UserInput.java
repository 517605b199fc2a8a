package dev.lexguard.identity.users;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates and normalises names and email addresses: Unicode NFC, trimmed, inner whitespace collapsed,
 * emails lower-cased. Control characters, invisible formatting characters (bidi overrides, zero-width
 * spaces) and unpaired surrogates are refused, so two accounts cannot look alike.
 */
public final class UserInput {

    public static final int MAX_EMAIL = 254;
    public static final int MAX_NAME = 100;
    public static final int MAX_FIRM_NAME = 200;

    // Deliberately simple: one @, a non-empty local part of at most 64, a dotted domain. Deliverability is
    // proved by the invitation mail, not by a regular expression.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private UserInput() {
    }

    public static String email(String field, String raw) {
        String value = clean(field, raw);
        value = value.toLowerCase(Locale.ROOT);
        if (value.length() > MAX_EMAIL) {
            throw invalid(field, "must be at most " + MAX_EMAIL + " characters");
        }
        if (!EMAIL.matcher(value).matches()) {
            throw invalid(field, "must be an email address");
        }
        return value;
    }

    public static String name(String field, String raw, int max) {
        String value = clean(field, raw).replaceAll("\\s+", " ");
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return value;
    }

    private static String clean(String field, String raw) {
        if (raw == null) {
            throw invalid(field, "must not be null");
        }
        if (raw.length() > 4 * MAX_FIRM_NAME) {
            throw invalid(field, "is too long");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(i + 1))) {
                    throw invalid(field, "must be valid text");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid(field, "must be valid text");
            }
        }
        String value = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (value.isEmpty()) {
            throw invalid(field, "must not be blank");
        }
        boolean refused = value.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            boolean joiner = cp == 0x200C || cp == 0x200D;
            return type == Character.CONTROL && !Character.isWhitespace(cp)
                    || type == Character.FORMAT && !joiner
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || cp == '\n' || cp == '\r' || cp == '\t';
        });
        if (refused) {
            throw invalid(field, "must not contain control or invisible characters");
        }
        return value;
    }

    private static BadRequestProblem invalid(String field, String message) {
        return new BadRequestProblem("validation-failed", "The request has invalid fields",
                List.of(new FieldError(field, message)));
    }
}
