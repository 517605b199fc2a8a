package dev.lexguard.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The passwords of a devstack broker's principals, made when the broker's storage is formatted and kept beside it in a
 * file only its owner can read ({@code credentials.properties}: one {@code principal=password} line each). Tests and
 * the local runner get client settings for a principal from here; nothing else ever prints a password.
 */
public final class KafkaCredentials {

    static final String FILE_NAME = "credentials.properties";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private KafkaCredentials(Map<String, String> passwords) {
        this.passwords = Collections.unmodifiableMap(new TreeMap<>(passwords));
    }

    /** Fresh random passwords for the administrator, the controller and every principal of {@link KafkaAccess}. */
    static KafkaCredentials generate() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(KafkaAccess.ADMIN, randomPassword());
        passwords.put(KafkaAccess.CONTROLLER, randomPassword());
        KafkaAccess.PRINCIPALS.forEach(p -> passwords.put(p.name(), randomPassword()));
        return new KafkaCredentials(passwords);
    }

    public static KafkaCredentials load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka credentials " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> passwords.put(name, properties.getProperty(name)));
        if (!passwords.containsKey(KafkaAccess.ADMIN)) {
            throw new IllegalStateException(file + " has no password for " + KafkaAccess.ADMIN);
        }
        return new KafkaCredentials(passwords);
    }

    /** Writes the file readable by its owner only, replacing it in one step. */
    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                out.write("# Kafka SCRAM-SHA-512 passwords of this devstack's principals (development only)\n");
                for (Map.Entry<String, String> entry : passwords.entrySet()) {
                    out.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka credentials " + file, e);
        }
    }

    /** Whether this file knows every principal (a file from before a principal was added does not). */
    boolean coversEveryPrincipal() {
        return passwords.containsKey(KafkaAccess.CONTROLLER)
                && KafkaAccess.PRINCIPALS.stream().allMatch(p -> passwords.containsKey(p.name()));
    }

    /** A copy that also knows the principals it lacked, with fresh passwords. */
    KafkaCredentials withMissingPrincipals() {
        Map<String, String> all = new LinkedHashMap<>(passwords);
        all.putIfAbsent(KafkaAccess.CONTROLLER, randomPassword());
        KafkaAccess.PRINCIPALS.forEach(p -> all.putIfAbsent(p.name(), randomPassword()));
        return new KafkaCredentials(all);
    }

    /** The password of a principal of {@link KafkaAccess}, the administrator, or a principal a test made. */
    public String password(String principal) {
        String password = passwords.get(principal);
        if (password != null) {
            return password;
        }
        if (KafkaAccess.principal(principal).isPresent() || KafkaAccess.CONTROLLER.equals(principal)) {
            throw new IllegalArgumentException("no password for " + principal + " in this devstack's credentials");
        }
        return derivedPassword(principal);
    }

    Map<String, String> all() {
        return passwords;
    }

    /**
     * A principal outside {@link KafkaAccess} (one a library's tests grant themselves, see {@link KafkaAdmin#grant})
     * gets a password derived from the administrator's, so every JVM that knows this file computes the same one
     * without writing to it.
     */
    private String derivedPassword(String principal) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(passwords.get(KafkaAccess.ADMIN).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("lexguard-devstack-principal:" + principal).getBytes(StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                text.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return text.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Client settings (producer, consumer or admin) that sign in as {@code principal}. */
    public Map<String, Object> clientConfig(String bootstrapServers, String principal) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", KafkaAccess.MECHANISM);
        config.put("sasl.jaas.config", jaasConfig(principal, password(principal)));
        return config;
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    static String randomPassword() {
        StringBuilder text = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "KafkaCredentials" + passwords.keySet();
    }
}
