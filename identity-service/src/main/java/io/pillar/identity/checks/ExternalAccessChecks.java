package io.pillar.identity.checks;

import java.util.List;

import io.pillar.identity.aws.ExternalAccess;

/**
 * IAM Access Analyzer's active findings: a resource reachable from outside the account. Public access is critical,
 * another account or a federated identity without a condition high, anything guarded by a condition medium.
 */
final class ExternalAccessChecks {

    void run(AccountModel model, List<Violation> out) {
        for (ExternalAccess a : model.account().externalAccess()) {
            if (!a.active()) {
                continue;
            }
            String who = a.isPublic()
                    ? "anyone"
                    : a.principal().isEmpty()
                            ? "a principal outside the account"
                            : a.principal().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                    .reduce((x, y) -> x + ", " + y).orElse("");
            String severity = a.isPublic() ? "critical" : a.conditional() ? "medium" : "high";
            out.add(new Violation("access-analyzer-external-access", a.resource(),
                    a.resourceType() == null ? "aws_resource" : a.resourceType(),
                    who + " may " + String.join(", ", a.actions())
                            + (a.conditional() ? " when " + a.condition() : "")
                            + (a.id() == null ? "" : " (Access Analyzer finding " + a.id() + ")"),
                    severity));
        }
    }
}
