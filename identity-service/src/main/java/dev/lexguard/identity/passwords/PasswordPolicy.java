package dev.lexguard.identity.passwords;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NIST SP 800-63B / OWASP ASVS V2.1 password rules: 12 to 256 characters (code points, after NFKC
 * normalisation), every printable character allowed, no composition rules; refused if it is one of the
 * most common passwords or built from the user's own email or name.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final int MIN_CONTEXT_WORD = 4;

    private final CommonPasswords common;

    public PasswordPolicy() {
        this(CommonPasswords.load());
    }

    PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /**
     * The form a password is hashed and compared in (NFKC, so the same password typed on different
     * keyboards matches). Null for a value that is not valid text (an unpaired surrogate or NUL).
     */
    public static String normalise(String password) {
        if (password == null || password.indexOf('\0') >= 0 || hasUnpairedSurrogate(password)) {
            return null;
        }
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * Checks a new password and returns its normalised form.
     *
     * @throws BadRequestProblem {@code weak-password} naming {@code field} with the reason
     */
    public String check(String field, String password, String email, String displayName) {
        String normalised = normalise(password);
        if (normalised == null) {
            throw weak(field, "must be valid text");
        }
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH) {
            throw weak(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw weak(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (normalised.isBlank()) {
            throw weak(field, "must not be only spaces");
        }
        if (common.contains(normalised) || common.contains(normalised.strip())) {
            throw weak(field, "is one of the most commonly used passwords");
        }
        String compact = compact(normalised);
        if (common.contains(compact)) {
            throw weak(field, "is one of the most commonly used passwords");
        }
        for (String word : contextWords(email, displayName)) {
            if (compact.contains(word)) {
                throw weak(field, "must not contain your email address or name");
            }
        }
        return normalised;
    }

    /** Lower-case letters and digits only, so "Jane.Doe!" and "janedoe" compare equal. */
    private static String compact(String text) {
        StringBuilder out = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static List<String> contextWords(String email, String displayName) {
        List<String> words = new ArrayList<>();
        if (email != null) {
            int at = email.indexOf('@');
            addWord(words, compact(at > 0 ? email.substring(0, at) : email));
        }
        if (displayName != null) {
            addWord(words, compact(displayName));
            for (String part : displayName.split("\\s+")) {
                addWord(words, compact(part));
            }
        }
        return words;
    }

    private static void addWord(List<String> words, String word) {
        if (word.codePointCount(0, word.length()) >= MIN_CONTEXT_WORD) {
            words.add(word);
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static BadRequestProblem weak(String field, String message) {
        return new BadRequestProblem("weak-password", "The password does not meet the password rules",
                List.of(new FieldError(field, message)));
    }
}
