package dev.lexguard.permissions.rules;

import java.util.List;

/** May the user see the matter, and why. {@code groups}: the user's groups on the matter's list (also when another reason decided). */
public record AccessDecision(Reason reason, List<GroupRef> groups) {

    public boolean allowed() {
        return reason.allows();
    }
}
