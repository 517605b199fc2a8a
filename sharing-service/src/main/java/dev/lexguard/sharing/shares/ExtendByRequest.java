package dev.lexguard.sharing.shares;

import java.time.OffsetDateTime;

/**
 * The optional body of {@code POST /shares/{id}/extend}: without {@code expiresAt} (or without a body) the share is
 * extended by the default expiry of its contact's kind; with it, it is set as {@code PUT /shares/{id}/expiry} does.
 */
public record ExtendByRequest(OffsetDateTime expiresAt) {
}
