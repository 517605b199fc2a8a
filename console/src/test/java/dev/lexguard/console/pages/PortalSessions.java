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
 * Contacts' signed-in console sessions written straight into the console's own table (the real PostgreSQL of the test
 * stack), as a portal sign-in through identity would leave them: kind {@code contact}, the firm whose portal it is, a
 * portal access token good for ten minutes (no refresh is attempted) unless the test says otherwise.
 */
final class PortalSessions {

    private PortalSessions() {
    }

    static SignedInSessions.Session contactOf(UUID firm) throws SQLException {
        return contactOf(firm, Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    /** A contact's session whose access token expires in {@code accessLeft} and whose idle timeout in {@code idleLeft}. */
    static SignedInSessions.Session contactOf(UUID firm, Duration accessLeft, Duration idleLeft) throws SQLException {
        String cookie = CookieValues.random();
        String csrf = CookieValues.random();
        Instant now = Instant.now();
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                insert into console_session (id, csrf_token, access_token, access_expires_at, refresh_token, identity_session_id,
                    created_at, last_seen_at, expires_at, kind, portal_firm_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'contact', ?)""")) {
            insert.setString(1, CookieValues.hash(cookie));
            insert.setString(2, csrf);
            insert.setString(3, "a-portal-access-token-the-gateway-never-sees-in-these-tests");
            insert.setTimestamp(4, Timestamp.from(now.plus(accessLeft)));
            insert.setString(5, "lgpr_a-portal-refresh-token");
            insert.setObject(6, UUID.randomUUID());
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setTimestamp(8, Timestamp.from(now));
            insert.setTimestamp(9, Timestamp.from(now.plus(idleLeft)));
            insert.setObject(10, firm);
            insert.executeUpdate();
        }
        return new SignedInSessions.Session(cookie, csrf);
    }

    static boolean exists(SignedInSessions.Session session) throws SQLException {
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement("select 1 from console_session where id = ?")) {
            select.setString(1, CookieValues.hash(session.cookie()));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The kind and the firm of the session behind a cookie (the sign-in page's anonymous one included). */
    static String kindOf(String cookie) throws SQLException {
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement("select kind, portal_firm_id from console_session where id = ?")) {
            select.setString(1, CookieValues.hash(cookie));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) + " " + row.getString(2) : null;
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
