package dev.lexguard.identity.signin;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.NativeSql;
import dev.lexguard.platform.web.http.ClientNetworks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Failure counters per account (by normalised email, whether or not an account has it, so throttling
 * reveals nothing) and per client IP, in table {@code signin_throttle}. Join the caller's session.
 */
@ApplicationScoped
public class SignInThrottle {

    static final String ACCOUNT = "account:";
    static final String IP = "ip:";

    private static final String SELECT = "select failures, last_failure_at from signin_throttle where throttle_key = :key";
    private static final String RECORD = """
            insert into signin_throttle (throttle_key, failures, last_failure_at) values (:key, 1, :now)
            on conflict (throttle_key) do update set
              failures = case when signin_throttle.last_failure_at < :forgetBefore and signin_throttle.failures < :hardLimit
                              then 1 else signin_throttle.failures + 1 end,
              last_failure_at = :now""";

    // Counts the attempt before the password is checked, and never past the hard limit, so concurrent attempts
    // cannot together exceed it: 0 rows means the limit is reached.
    private static final String RESERVE = """
            insert into signin_throttle (throttle_key, failures, last_failure_at) values (:key, 1, :now)
            on conflict (throttle_key) do update set
              failures = case when signin_throttle.last_failure_at < :forgetBefore then 1 else signin_throttle.failures + 1 end,
              last_failure_at = :now
            where signin_throttle.failures < :hardLimit""";

    // A fixed window from the first request (last_failure_at holds its start): the count within it, this one included.
    private static final String COUNT = """
            insert into signin_throttle (throttle_key, failures, last_failure_at) values (:key, 1, :now)
            on conflict (throttle_key) do update set
              failures = case when signin_throttle.last_failure_at <= :windowStart then 1 else signin_throttle.failures + 1 end,
              last_failure_at = case when signin_throttle.last_failure_at <= :windowStart then :now
                                     else signin_throttle.last_failure_at end
            returning failures, last_failure_at""";

    private final IdentityConfig config;

    public SignInThrottle(IdentityConfig config) {
        this.config = config;
    }

    /** Why an attempt may not go ahead now. */
    public record Verdict(String reason, Duration retryAfter) {
    }

    /** Null if the attempt may go ahead, else which limit holds and for how long. */
    public Uni<Verdict> check(String email, String ip, Instant now) {
        IdentityConfig.Limits account = config.throttle().account();
        IdentityConfig.Limits byIp = config.throttle().ip();
        return read(ACCOUNT + email).chain(a -> read(IP + ClientNetworks.limitKey(ip)).map(i -> {
            if (a != null && ThrottleRule.isHardLocked(a.failures(), account)) {
                return new Verdict("account_locked", ThrottleRule.HARD_LOCK);
            }
            Duration accountWait = a == null ? Duration.ZERO : ThrottleRule.wait(a.failures(), a.last(), now, account);
            if (isPositive(accountWait)) {
                return new Verdict("account_throttled", accountWait);
            }
            Duration ipWait = i == null ? Duration.ZERO : ThrottleRule.wait(i.failures(), i.last(), now, byIp);
            if (isPositive(ipWait)) {
                return new Verdict("ip_throttled", ipWait);
            }
            return null;
        }));
    }

    /**
     * Null if the client IP may try now, else for how long it must wait: for an attempt that names no account yet (a
     * passwordless passkey, whose credential names the user only once it is looked up).
     */
    public Uni<Verdict> checkIp(String ip, Instant now) {
        IdentityConfig.Limits byIp = config.throttle().ip();
        return read(IP + ClientNetworks.limitKey(ip)).map(i -> {
            Duration ipWait = i == null ? Duration.ZERO : ThrottleRule.wait(i.failures(), i.last(), now, byIp);
            return isPositive(ipWait) ? new Verdict("ip_throttled", ipWait) : null;
        });
    }

    /**
     * Counts a sign-in attempt against the account before its password is checked (a success clears it again).
     * False if the account has reached its hard limit, also through a concurrent attempt.
     */
    public Uni<Boolean> reserveAccountAttempt(String email, Instant now) {
        IdentityConfig.Limits account = config.throttle().account();
        int hardLimit = account.hardLimit() > 0 ? account.hardLimit() : Integer.MAX_VALUE;
        return Panache.getSession().chain(s -> s.createNativeQuery(RESERVE)
                .setParameter("key", ACCOUNT + email)
                .setParameter("now", now)
                .setParameter("forgetBefore", now.minus(account.forgetAfter()))
                .setParameter("hardLimit", hardLimit)
                .executeUpdate()).map(rows -> rows == 1);
    }

    /** How many requests {@code key} made in its current window, this one included, and when the window started. */
    public record WindowCount(int count, Instant windowStart) {
    }

    /**
     * Counts a request (not a failure) under {@code key} in a fixed window of {@code window} that starts with the first
     * request after the previous window ended. For limits on requests that must answer the same whatever they find
     * (password-reset requests): the caller counts every request, whether or not an account matched.
     */
    public Uni<WindowCount> countRequest(String key, Instant now, Duration window) {
        return NativeSql.rows(COUNT, Map.of("key", key, "now", now, "windowStart", now.minus(window))).map(rows -> {
            Object[] row = (Object[]) rows.get(0);
            return new WindowCount(((Number) row[0]).intValue(), toInstant(row[1]));
        });
    }

    /** A failure from this client IP (the account's was counted when the attempt was reserved). */
    public Uni<Void> recordIpFailure(String ip, Instant now) {
        return record(IP + ClientNetworks.limitKey(ip), now, config.throttle().ip());
    }

    public Uni<Void> recordFailure(String email, String ip, Instant now) {
        IdentityConfig.Limits account = config.throttle().account();
        IdentityConfig.Limits byIp = config.throttle().ip();
        return record(ACCOUNT + email, now, account).chain(() -> record(IP + ClientNetworks.limitKey(ip), now, byIp));
    }

    /** A successful sign-in or a password reset ends the run of consecutive failures. */
    public Uni<Void> clearAccount(String email) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from signin_throttle where throttle_key = :key")
                .setParameter("key", ACCOUNT + email).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> record(String key, Instant now, IdentityConfig.Limits limits) {
        int hardLimit = limits.hardLimit() > 0 ? limits.hardLimit() : Integer.MAX_VALUE;
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD)
                .setParameter("key", key)
                .setParameter("now", now)
                .setParameter("forgetBefore", now.minus(limits.forgetAfter()))
                .setParameter("hardLimit", hardLimit)
                .executeUpdate()).replaceWithVoid();
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private record Row(int failures, Instant last) {
    }

    private Uni<Row> read(String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery(SELECT, Object[].class)
                .setParameter("key", key).getResultList())
                .map(rows -> first((List<Object[]>) rows));
    }

    private static Row first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Row(((Number) row[0]).intValue(), toInstant(row[1]));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
