package dev.lexguard.sessions.session;

import dev.lexguard.sessions.location.GeoLocation;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** An address a session was used from, with when it was first and last seen from there. */
@Entity
@DynamicUpdate
@Table(name = "session_ip")
public class SessionIp {

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "session_id")
        private UUID sessionId;

        private String ip;

        protected Key() {
        }

        public Key(UUID sessionId, String ip) {
            this.sessionId = sessionId;
            this.ip = ip;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && sessionId.equals(other.sessionId) && ip.equals(other.ip);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, ip);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "country_code")
    private String countryCode;

    private String city;

    private Long asn;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected SessionIp() {
    }

    public SessionIp(UUID sessionId, UUID firmId, String ip, GeoLocation location, Instant at) {
        this.key = new Key(sessionId, ip);
        this.firmId = firmId;
        this.countryCode = location.countryCode();
        this.city = location.city();
        this.asn = location.asn();
        this.firstSeenAt = at;
        this.lastSeenAt = at;
    }

    public String ip() {
        return key.ip;
    }

    public String countryCode() {
        return countryCode;
    }

    public String city() {
        return city;
    }

    public Long asn() {
        return asn;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public void seen(Instant at) {
        if (at.isAfter(lastSeenAt)) {
            lastSeenAt = at;
        }
        if (at.isBefore(firstSeenAt)) {
            firstSeenAt = at;
        }
    }
}
