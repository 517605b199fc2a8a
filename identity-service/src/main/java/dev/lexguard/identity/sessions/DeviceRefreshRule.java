package dev.lexguard.identity.sessions;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Whether a session bound to a mobile device may be refreshed (the devices feature decides). */
public interface DeviceRefreshRule {

    /** Inside the caller's reactive session. */
    Uni<Boolean> mayRefresh(UUID firmId, UUID deviceId);
}
