package dev.lexguard.console.pages;

import dev.lexguard.console.session.CookieValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signed-in console sessions written straight into the console's own table (the real PostgreSQL of the test stack), as
 * a sign-in through identity would leave them: for pages whose answer the console decides before calling the gateway.
 * The access token is good for an hour, so no refresh is attempted.
 */
final class SignedInSessions {

    record Session(String cookie, String csrf) {
    }

    private SignedInSessions() {
    }

    static Session create(boolean administrator, String recoveryCodes) throws SQLException {
        return create(administrator, recoveryCodes, Duration.ofMinutes(30));
    }

    /** A session whose idle timeout comes in {@code idleLeft} (negative: one that has timed out). */
    static Session create(boolean administrator, String recoveryCodes, Duration idleLeft) throws SQLException {
        String cookie = CookieValues.random();
        String csrf = CookieValues.random();
        Instant now = Instant.now();
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                insert into console_session (id, csrf_token, access_token, access_expires_at, refresh_token, identity_session_id,
                    created_at, last_seen_at, expires_at, administrator, recovery_codes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, CookieValues.hash(cookie));
            insert.setString(2, csrf);
            insert.setString(3, "an-access-token-the-gateway-never-sees-in-these-tests");
            insert.setTimestamp(4, Timestamp.from(now.plus(Duration.ofHours(1))));
            insert.setString(5, "a-refresh-token");
            insert.setObject(6, UUID.randomUUID());
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setTimestamp(8, Timestamp.from(now));
            insert.setTimestamp(9, Timestamp.from(now.plus(idleLeft)));
            insert.setBoolean(10, administrator);
            insert.setString(11, recoveryCodes);
            insert.executeUpdate();
        }
        return new Session(cookie, csrf);
    }

    static String recoveryCodesOf(Session session) throws SQLException {
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement("select recovery_codes from console_session where id = ?")) {
            select.setString(1, CookieValues.hash(session.cookie()));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no such session");
                }
                return row.getString(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
