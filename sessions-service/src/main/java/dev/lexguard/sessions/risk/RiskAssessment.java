package dev.lexguard.sessions.risk;

import java.util.List;

/**
 * The outcome of the rules: the reasons (empty: usual) and, when travel from the previous sign-in could be
 * measured, that sign-in and the speed it implies.
 */
public record RiskAssessment(List<UnusualReason> reasons, PreviousSignIn comparedWith, Double speedKmh) {

    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }

    public boolean unusual() {
        return !reasons.isEmpty();
    }
}
