package dev.lexguard.sessions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code lexguard.sessions.*}: GeoIP files, unusual sign-in rules, lifetime checks, retention, export. */
@ConfigMapping(prefix = "lexguard.sessions")
public interface SessionsConfig {

    GeoIp geoip();

    Risk risk();

    Lifetimes lifetimes();

    Retention retention();

    Export export();

    interface GeoIp {
        /** Path of a GeoIP2/GeoLite2 City database file; none means every location is unknown. */
        Optional<String> cityDatabase();

        /** Path of a GeoLite2 ASN database file; none means every network is unknown. */
        Optional<String> asnDatabase();
    }

    interface Risk {
        /** New device, country and network are only unusual once the user has signed in for this long. */
        @WithDefault("P7D")
        Duration learningPeriod();

        /** Faster than this between two sign-ins' locations is impossible travel (an airliner does ~900 km/h). */
        @WithDefault("900")
        double maxSpeedKmh();

        /** Locations closer than this are never impossible travel (city-level GeoIP is not more precise). */
        @WithDefault("100")
        double minDistanceKm();
    }

    interface Lifetimes {
        /** How often the job that ends idle and too old sessions runs (a Quarkus scheduler interval). */
        @WithDefault("1m")
        String checkEvery();

        /** Most sessions one run of that job ends; the rest wait for the next run. */
        @WithDefault("500")
        int batchSize();
    }

    interface Retention {
        /** Ended sessions are deleted this long after they ended. */
        @WithDefault("P90D")
        Duration endedSessions();

        /** Sign-in history older than this is deleted. */
        @WithDefault("P180D")
        Duration signIns();

        /** How often the purge runs. */
        @WithDefault("1h")
        String purgeEvery();
    }

    interface Export {
        /** Most rows one CSV export returns (X-Export-Truncated: true says there were more). */
        @WithDefault("10000")
        int maxRows();
    }
}
