package dev.lexguard.identity.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.identity.passwords.Argon2Phc;
import dev.lexguard.identity.twofactor.Totp;
import dev.lexguard.identity.twofactor.TotpSecret;
import dev.lexguard.identity.twofactor.TotpVerification;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Passkey assertion verification per second on one core: the service's own {@link WebAuthn} (webauthn4j, configured as
 * in production: ES256 and RS256, user verification required) parsing and verifying real assertions that
 * {@link SoftwareAuthenticator} signed with real keys, the stored passkey's counter moving as the service moves it.
 * Printed beside the peers of the same sign-in in the same run, on the same thread: a TOTP check and the Argon2id
 * password check at LexGuard's cost. Not a test: it prints numbers (docs/benchmarks.md).
 * <pre>
 * ./mvnw -B -pl identity-service -am verify -Dtest=PasskeyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 * Rates are per second of this thread's CPU time (one core, whatever else the machine runs) and per wall-clock second.
 */
class PasskeyBenchmark {

    private static final int WARMUP = 2_000;
    private static final int ASSERTIONS = 5_000;
    private static final int TOTP_CHECKS = 200_000;
    private static final int ARGON2_CHECKS = 40;
    private static final Argon2Phc.Cost LEXGUARD_COST = new Argon2Phc.Cost(19456, 2, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final WebAuthn webAuthn = new WebAuthn(new WebAuthnConfig() {
        @Override
        public String rpId() {
            return SoftwareAuthenticator.RP_ID;
        }

        @Override
        public String rpName() {
            return "LexGuard";
        }

        @Override
        public List<String> origins() {
            return List.of(SoftwareAuthenticator.ORIGIN);
        }

        @Override
        public Duration challengeLifetime() {
            return Duration.ofMinutes(5);
        }
    });

    private record Signed(String json, byte[] challenge) {
    }

    private record Rate(double perCpuSecond, double perWallSecond, double microsEach) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f/s per core (CPU time), %,.0f/s wall, %.1f µs each", perCpuSecond,
                    perWallSecond, microsEach);
        }
    }

    @Test
    void passkeyAssertionsBesideTotpAndArgon2() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf("BENCHMARK machine: %d cores, Java %s, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load);

        Rate es256 = passkey(SoftwareAuthenticator.es256());
        Rate rs256 = passkey(SoftwareAuthenticator.rs256());
        Rate totp = totp();
        Rate argon2 = argon2();

        System.out.printf("BENCHMARK passkey ES256 assertion (parse + verify, %d): %s%n", ASSERTIONS, es256);
        System.out.printf("BENCHMARK passkey RS256 assertion (parse + verify, %d): %s%n", ASSERTIONS, rs256);
        System.out.printf("BENCHMARK TOTP code check (window 1, %d): %s%n", TOTP_CHECKS, totp);
        System.out.printf("BENCHMARK Argon2id password check (19456 KiB, 2 iterations, p=1, %d): %s%n", ARGON2_CHECKS,
                argon2);
        System.out.printf("BENCHMARK load average at end %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** Registers the authenticator's passkey through the service's verification, then times its assertions. */
    private Rate passkey(SoftwareAuthenticator authenticator) throws Exception {
        byte[] registrationChallenge = challenge();
        WebAuthn.Registration registration = webAuthn.parseRegistration(JSON.writeValueAsString(
                authenticator.register(SoftwareAuthenticator.base64Url(registrationChallenge))));
        Passkey passkey = new Passkey(UUID.randomUUID(), UUID.randomUUID(),
                webAuthn.verifyRegistration(registration, registrationChallenge), "Benchmark", Instant.now());

        List<Signed> warmup = sign(authenticator, WARMUP);
        List<Signed> measured = sign(authenticator, ASSERTIONS);
        verifyAll(warmup, passkey);
        long cpu = CPU.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        verifyAll(measured, passkey);
        return rate(ASSERTIONS, CPU.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
    }

    private static List<Signed> sign(SoftwareAuthenticator authenticator, int count) throws Exception {
        List<Signed> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] challenge = challenge();
            signed.add(new Signed(JSON.writeValueAsString(authenticator.assertion(SoftwareAuthenticator.base64Url(challenge))),
                    challenge));
        }
        return signed;
    }

    private void verifyAll(List<Signed> signed, Passkey passkey) {
        for (Signed one : signed) {
            WebAuthn.Assertion assertion = webAuthn.parseAssertion(one.json());
            long counter = webAuthn.verifyAssertion(assertion, one.challenge(), passkey);
            passkey.used(counter, Instant.now());
        }
        assertThat(passkey.isSuspect()).isFalse();
    }

    private static Rate totp() {
        Totp totp = new Totp();
        TotpSecret secret = TotpSecret.generate();
        Instant now = Instant.now();
        String code = totp.generate(secret, now);
        for (int i = 0; i < TOTP_CHECKS / 4; i++) {
            totp.verify(secret, code, now, Totp.NO_ACCEPTED_STEP);
        }
        long cpu = CPU.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < TOTP_CHECKS; i++) {
            TotpVerification verification = totp.verify(secret, code, now, Totp.NO_ACCEPTED_STEP);
            accepted += verification.isAccepted() ? 1 : 0;
        }
        Rate rate = rate(TOTP_CHECKS, CPU.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
        assertThat(accepted).isEqualTo(TOTP_CHECKS);
        return rate;
    }

    private static Rate argon2() {
        Argon2Phc argon2 = new Argon2Phc();
        String stored = argon2.hash("tide clock harbour lantern", LEXGUARD_COST);
        for (int i = 0; i < 5; i++) {
            argon2.verify("tide clock harbour lantern", stored);
        }
        long cpu = CPU.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < ARGON2_CHECKS; i++) {
            accepted += argon2.verify("tide clock harbour lantern", stored) ? 1 : 0;
        }
        Rate rate = rate(ARGON2_CHECKS, CPU.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
        assertThat(accepted).isEqualTo(ARGON2_CHECKS);
        return rate;
    }

    private static Rate rate(int count, long cpuNanos, long wallNanos) {
        return new Rate(count / (cpuNanos / 1e9), count / (wallNanos / 1e9), cpuNanos / 1e3 / count);
    }

    private static byte[] challenge() {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        return challenge;
    }
}
