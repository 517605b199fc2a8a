package dev.lexguard.feed.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * The hash chain: {@code hash(n) = SHA-256(hash(n-1) || canonical(n))}, starting from 32 zero bytes. The
 * canonical form is a JSON array of the entry's fields in a fixed order (version tag first); times are
 * whole microseconds, as PostgreSQL keeps them. Ingestion computes the same hash in SQL
 * ({@code sha256(prev || convert_to(canonical, 'UTF8'))}) so the head row is read and advanced in one statement.
 */
public final class ChainHash {

    public static final byte[] GENESIS = new byte[32];
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainHash() {
    }

    public static String canonical(EntryDraft e) {
        Object[] fields = {"feed-entry/1", e.id().toString(), e.firmId().toString(),
                e.occurredAt().truncatedTo(ChronoUnit.MICROS).toString(), e.eventType(), e.source(), e.category(),
                e.adminOnly(), e.actorId(), e.actorType(), e.verb(), e.objectType(), e.objectId(), e.objectTitle(),
                text(e.matterId()), text(e.activityDescriptionId()), e.summary(), e.details(), e.ip(), e.location()};
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("strings, booleans and nulls always serialise", ex);
        }
    }

    public static byte[] next(byte[] previous, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    public static String hex(byte[] hash) {
        StringBuilder out = new StringBuilder(hash.length * 2);
        for (byte b : hash) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
