package dev.lexguard.identity.approvals;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ApprovalKeyChallengeRepository implements PanacheRepositoryBase<ApprovalKeyChallenge, UUID> {
}
