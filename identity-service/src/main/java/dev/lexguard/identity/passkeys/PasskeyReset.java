package dev.lexguard.identity.passkeys;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.twofactor.TotpFactors;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Passkeys removed by others than their user, each a {@code passkey.removed} event: all of them in an administrator's
 * two-factor reset; those registered during a session its user disowned ("this wasn't me").
 */
@ApplicationScoped
public class PasskeyReset {

    private final PasskeyRepository passkeys;
    private final OutboxWriter outbox;
    private final TotpFactors totp;

    public PasskeyReset(PasskeyRepository passkeys, OutboxWriter outbox, TotpFactors totp) {
        this.passkeys = passkeys;
        this.outbox = outbox;
        this.totp = totp;
    }

    /**
     * "This wasn't me": the passkeys registered since the disowned session started may be the intruder's, and go
     * ({@code by} session_disowned, the reporter as the actor); older ones stay, so the account is not weaker than before
     * the intruder. If no second factor is left, the recovery codes go too. How many went. Inside the caller's
     * transaction.
     */
    public Uni<Integer> removeRegisteredSince(UUID firmId, UUID userId, Instant since, UUID actorId) {
        return passkeys.lockAllOf(firmId, userId).chain(all -> {
            List<Passkey> suspect = all.stream().filter(p -> !p.createdAt().isBefore(since)).toList();
            if (suspect.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            boolean noneLeft = suspect.size() == all.size();
            return totp.isEnabled(firmId, userId).chain(totpOn -> {
                Uni<Void> removed = Uni.createFrom().voidItem();
                for (int i = 0; i < suspect.size(); i++) {
                    Passkey passkey = suspect.get(i);
                    boolean last = noneLeft && !totpOn && i == suspect.size() - 1;
                    removed = removed.chain(() -> passkeys.delete(passkey))
                            .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_REMOVED, userId,
                                    firmId, actorId, new PasskeyEvents.Removed(passkey.id(), userId, passkey.name(), last,
                                            "session_disowned"))))
                            .replaceWithVoid();
                }
                return removed.call(() -> noneLeft && !totpOn ? totp.removeRecoveryCodes(firmId, userId)
                        : Uni.createFrom().voidItem()).replaceWith(suspect.size());
            });
        });
    }

    /**
     * Removes the user's passkeys, the administrator as the events' actor; how many there were. Inside the caller's
     * transaction. {@code lastFactor}: nothing else (no TOTP) is left once they are gone.
     */
    public Uni<Integer> removeAll(UUID firmId, UUID userId, UUID adminId, boolean lastFactor) {
        return passkeys.lockAllOf(firmId, userId).chain(all -> {
            Uni<Void> removed = Uni.createFrom().voidItem();
            for (int i = 0; i < all.size(); i++) {
                Passkey passkey = all.get(i);
                boolean last = lastFactor && i == all.size() - 1;
                removed = removed.chain(() -> passkeys.delete(passkey))
                        .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_REMOVED, userId, firmId,
                                adminId, new PasskeyEvents.Removed(passkey.id(), userId, passkey.name(), last,
                                        "administrator"))))
                        .replaceWithVoid();
            }
            return removed.replaceWith(all.size());
        });
    }
}
