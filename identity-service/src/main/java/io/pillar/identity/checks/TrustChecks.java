package io.pillar.identity.checks;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.policy.PolicyDocument;
import io.pillar.identity.policy.Statement;

/** Trust policies that let anyone, or another account without a condition, assume a role. */
final class TrustChecks {

    void run(AccountModel model, List<Violation> out) {
        String own = model.account().id();
        for (AwsPrincipal role : model.account().principals().values()) {
            PolicyDocument trust = model.trustPolicy(role.arn());
            if (trust == null) {
                continue;
            }
            boolean anyone = false;
            Set<String> external = new TreeSet<>();
            for (Statement s : trust.statements()) {
                if (!s.allow() || s.notPrincipal() || s.conditional() || !s.coversAction("sts:AssumeRole")
                        && !s.coversAction("sts:AssumeRoleWithWebIdentity")
                        && !s.coversAction("sts:AssumeRoleWithSAML")) {
                    continue;
                }
                for (String who : s.principals().getOrDefault("*", List.of())) {
                    anyone |= who.equals("*");
                }
                for (String who : s.principals().getOrDefault("AWS", List.of())) {
                    if (who.equals("*")) {
                        anyone = true;
                        continue;
                    }
                    String account = who.matches("\\d{12}") ? who : AwsPrincipal.accountOf(who);
                    if (account != null && !account.equals(own)) {
                        external.add(who);
                    }
                }
            }
            if (anyone) {
                out.add(new Violation("iam-role-trust-any-principal", role.arn(), "iam_role",
                        "the trust policy allows any AWS principal (\"*\") to assume the role without a condition",
                        null));
            }
            if (!external.isEmpty()) {
                out.add(new Violation("iam-role-trust-external-account", role.arn(), "iam_role",
                        "trusted without a condition: " + String.join(", ", external), null));
            }
        }
    }
}
