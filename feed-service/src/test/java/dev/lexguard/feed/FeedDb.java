package dev.lexguard.feed;

import dev.lexguard.platform.events.envelope.CloudEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC on the feed's database: to wait for ingestion, count rows, and tamper with them as an attacker would. */
public final class FeedDb {

    private FeedDb() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the event is consumed: its id in lexguard_consumed_event commits in the same transaction as its
     * entry (every event the feed accepts becomes exactly one entry).
     */
    public static void awaitEntry(CloudEvent event) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("select count(*) from lexguard_consumed_event where consumer = 'feed-entries' and event_id = ?",
                        event.id()) == 1);
    }

    /** How many entries the event made (entries are found through their firm; event ids have no index of their own). */
    public static long entries(CloudEvent event) {
        return count("select count(*) from feed_entry where firm_id = ? and id = ?", event.firmId(), event.id());
    }

    /** The entry's position in its firm's chain. */
    public static long seq(CloudEvent event) {
        return count("select seq from feed_entry where firm_id = ? and id = ?", event.firmId(), event.id());
    }
}
