package dev.lexguard.identity.sessions;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Whether a session bound to a mobile device may be refreshed (the devices feature decides). */
public interface DeviceRefreshRule {

    /** Inside the caller's reactive session. */
    Uni<Boolean> mayRefresh(UUID firmId, UUID deviceId);

    /** Locks the device's row; called before the session's row is locked. Inside the caller's transaction. */
    Uni<Void> lockDevice(UUID deviceId);

    /**
     * Records the app's report of the phone's screen lock ({@code none}, {@code passcode}, {@code biometric} or null);
     * false, with the refusal recorded, when the firm requires a lock the report does not show. Inside the caller's
     * transaction.
     */
    Uni<Boolean> lockReported(UUID firmId, UUID deviceId, UUID sessionId, String deviceLock, ClientInfo client);
}
