package dev.lexguard.sessions.risk;

/** A point on the earth in degrees. */
public record GeoPoint(double latitude, double longitude) {

    /** Mean earth radius (IUGG), the usual radius for the haversine formula. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("not a coordinate: " + latitude + ", " + longitude);
        }
    }

    /** Great-circle distance (haversine). */
    public double distanceKm(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = Math.toRadians(other.latitude - latitude);
        double dLambda = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
