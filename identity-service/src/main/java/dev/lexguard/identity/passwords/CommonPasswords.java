package dev.lexguard.identity.passwords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most common passwords, lower-cased and ranked by frequency, shipped as
 * {@code META-INF/lexguard/common-passwords.txt}: the 30,000-entry {@code passwords.txt} frequency list of
 * zxcvbn (MIT licence), taken unchanged from the Maven artifact {@code com.nulab-inc:zxcvbn:1.9.0}
 * ({@code com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt}); see the service README.
 */
public final class CommonPasswords {

    static final String RESOURCE = "META-INF/lexguard/common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    public static CommonPasswords load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Set<String> set = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        set.add(line.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new CommonPasswords(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return passwords.size();
    }

    /** Case-insensitive: "Password1234" is as guessable as "password1234". */
    public boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }
}
