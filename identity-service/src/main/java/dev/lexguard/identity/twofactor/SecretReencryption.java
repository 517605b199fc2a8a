package dev.lexguard.identity.twofactor;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Key rotation for sealed TOTP secrets: at start-up, every active or pending secret sealed under a key other than the
 * active one is opened and sealed again under the active key, so the old key can be removed from the configuration
 * once a start has finished the pass. Runs over JDBC on the starting thread (never an event loop), in batches by
 * user id; each value is replaced only if it is still the one read (a concurrent enrolment wins). A value that cannot
 * be opened (its key is no longer configured) is logged by user id and left alone.
 */
@Singleton
public class SecretReencryption {

    static final int BATCH = 200;

    private final AgroalDataSource dataSource;
    private final SecretBox box;
    private final boolean atStart;

    public SecretReencryption(AgroalDataSource dataSource, SecretBox box,
            @ConfigProperty(name = "lexguard.identity.two-factor.reencrypt-at-start", defaultValue = "true") boolean atStart) {
        this.dataSource = dataSource;
        this.box = box;
        this.atStart = atStart;
    }

    void onStart(@Observes StartupEvent event) {
        if (atStart) {
            int resealed = run();
            if (resealed > 0) {
                Log.infof("re-sealed %d TOTP secrets under key %s", resealed, box.activeKeyId());
            }
        }
    }

    private record Row(UUID userId, String active, String pending) {
    }

    /** One pass over every stored secret; returns how many values were sealed again. */
    public int run() {
        int resealed = 0;
        // PostgreSQL orders uuids by their unsigned bytes: the nil uuid comes before every real one
        UUID after = new UUID(0, 0);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            while (true) {
                List<Row> rows = batch(connection, after);
                if (rows.isEmpty()) {
                    return resealed;
                }
                for (Row row : rows) {
                    resealed += reseal(connection, row.userId(), "active_secret", row.active());
                    resealed += reseal(connection, row.userId(), "pending_secret", row.pending());
                    after = row.userId();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("re-sealing TOTP secrets failed", e);
        }
    }

    private List<Row> batch(Connection connection, UUID after) throws SQLException {
        String sql = "select user_id, active_secret, pending_secret from two_factor where user_id > ?"
                + " and (split_part(active_secret, '.', 2) <> ? or split_part(pending_secret, '.', 2) <> ?)"
                + " order by user_id limit " + BATCH;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, after);
            select.setString(2, box.activeKeyId());
            select.setString(3, box.activeKeyId());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            return rows;
        }
    }

    private int reseal(Connection connection, UUID userId, String column, String sealed) throws SQLException {
        if (sealed == null) {
            return 0;
        }
        String resealed;
        try {
            if (!box.needsReencryption(sealed)) {
                return 0;
            }
            resealed = box.reencrypt(sealed, userId);
        } catch (SecretBoxException e) {
            Log.errorf("the %s of user %s cannot be opened with the configured keys; left as it is", column, userId);
            return 0;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update two_factor set " + column + " = ? where user_id = ? and " + column + " = ?")) {
            update.setString(1, resealed);
            update.setObject(2, userId);
            update.setString(3, sealed);
            return update.executeUpdate();
        }
    }
}
