package io.pillar.identity.mapping;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.policy.Grant;
import io.pillar.identity.policy.Statement;

/** The answers to an auditor's questions about access, as the REST API shows them (JSON in snake_case). */
public final class AccessViews {

    /** A principal in full: its picture, each statement that applies to it and where from, what it can assume. */
    public record PrincipalDetail(PrincipalView principal, JsonNode picture, List<StatementView> permissions,
            boolean permissionsBoundary, List<String> unknownPolicies, boolean administrator,
            List<AssumableRole> canAssume, List<OpenViolation> violations, List<ChangeView> changes,
            List<CredentialActionView> credentialActions) {
    }

    /** One statement of the principal's effective policies, with the policy (and group) it comes from. */
    public record StatementView(String effect, List<String> actions, boolean notAction, List<String> resources,
            boolean notResource, boolean conditional, JsonNode condition, String source, String sid) {

        public static StatementView of(Grant g) {
            Statement s = g.statement();
            return new StatementView(s.allow() ? "Allow" : "Deny", s.actions(), s.notAction(), s.resources(),
                    s.notResource(), s.conditional(), s.condition(), g.source().describe(), s.sid());
        }
    }

    public record AssumableRole(String arn, boolean conditional) {
    }

    public record OpenViolation(String check, String resource, String severity, String detail, Instant openedAt) {
    }

    public record ChangeView(String change, String importId, Instant changedAt) {
    }

    /** Something done to the principal's credentials on a response's request (disabled, or requested). */
    public record CredentialActionView(String id, String credential, String action, String status, String actor,
            String reason, String incidentId, String detail, Instant createdAt) {
    }

    /** Who can perform an action (on a resource), and through which policy, group or role. */
    public record WhoCan(String action, String resource, List<Holder> principals) {
    }

    public record Holder(String id, String arn, String type, String account, String decision, List<String> via,
            String throughRole) {
    }

    private AccessViews() {
    }
}
