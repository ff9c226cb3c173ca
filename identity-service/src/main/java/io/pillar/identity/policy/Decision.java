package io.pillar.identity.policy;

import java.util.List;

/**
 * What IAM would decide for one action: allowed, allowed only when conditions hold (statements with conditions are
 * marked, never dropped), explicitly denied, or not allowed by any statement (or cut off by the permissions
 * boundary). {@code everyResource}: allowed without conditions on every resource.
 */
public record Decision(Outcome outcome, boolean everyResource, List<Grant> allowedBy, List<Grant> deniedBy,
        String reason) {

    public enum Outcome {
        ALLOWED, CONDITIONAL, DENIED, NOT_ALLOWED
    }

    /** Allowed, at least under some conditions. */
    public boolean permits() {
        return outcome == Outcome.ALLOWED || outcome == Outcome.CONDITIONAL;
    }

    static Decision notAllowed(String reason) {
        return new Decision(Outcome.NOT_ALLOWED, false, List.of(), List.of(), reason);
    }
}
