package dev.lexguard.platform.web.problem;

import java.util.List;

/** 422: well-formed, but a business rule forbids it; the slug names the rule (e.g. {@code last-administrator}). */
public final class BusinessRuleProblem extends ProblemException {

    public BusinessRuleProblem(String slug, String detail) {
        super(422, slug, "Business rule violated", detail, List.of());
    }
}
