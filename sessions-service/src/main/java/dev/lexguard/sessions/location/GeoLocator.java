package dev.lexguard.sessions.location;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import dev.lexguard.platform.web.http.IpNetwork;
import dev.lexguard.sessions.SessionsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * IP address to location and network, from MaxMind GeoIP2/GeoLite2 City and ASN database files. The files are
 * memory-mapped and lookups are cached, so a lookup is microseconds of work and may run on an event loop.
 * A configured file that cannot be read stops the service from starting; no file means "unknown".
 */
@Startup
@ApplicationScoped
public class GeoLocator {

    private final DatabaseReader city;
    private final DatabaseReader asn;

    public GeoLocator(SessionsConfig config) {
        this.city = open(config.geoip().cityDatabase(), "City");
        this.asn = open(config.geoip().asnDatabase(), "ASN");
    }

    public GeoLocation locate(String ip) {
        Optional<InetAddress> address = IpNetwork.address(ip);
        if (address.isEmpty() || city == null && asn == null) {
            return GeoLocation.UNKNOWN;
        }
        try {
            Optional<CityResponse> place = city == null ? Optional.empty() : city.tryCity(address.get());
            Optional<AsnResponse> network = asn == null ? Optional.empty() : asn.tryAsn(address.get());
            return new GeoLocation(
                    place.map(p -> p.country().isoCode()).orElse(null),
                    place.map(p -> p.country().names().get("en")).orElse(null),
                    place.map(p -> p.city().names().get("en")).orElse(null),
                    place.map(p -> p.location().latitude()).orElse(null),
                    place.map(p -> p.location().longitude()).orElse(null),
                    network.map(AsnResponse::autonomousSystemNumber).orElse(null),
                    network.map(AsnResponse::autonomousSystemOrganization).orElse(null));
        } catch (IOException | GeoIp2Exception e) {
            Log.warnf("GeoIP lookup failed: %s", e.getMessage());
            return GeoLocation.UNKNOWN;
        }
    }

    @PreDestroy
    void close() throws IOException {
        if (city != null) {
            city.close();
        }
        if (asn != null) {
            asn.close();
        }
    }

    private static DatabaseReader open(Optional<String> path, String kind) {
        if (path.isEmpty() || path.get().isBlank()) {
            Log.infof("No GeoIP %s database configured: that part of every location is unknown", kind);
            return null;
        }
        try {
            DatabaseReader reader = new DatabaseReader.Builder(new File(path.get())).withCache(new CHMCache()).build();
            Log.infof("GeoIP %s database %s (%s, built %s)", kind, path.get(), reader.getMetadata().databaseType(),
                    reader.getMetadata().buildTime());
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GeoIP " + kind + " database " + path.get(), e);
        }
    }
}
