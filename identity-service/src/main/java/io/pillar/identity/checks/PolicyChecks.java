package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.AwsPrincipal.InlinePolicy;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.policy.Glob;
import io.pillar.identity.policy.PolicyDocument;
import io.pillar.identity.policy.Statement;

/**
 * Checks of each customer-managed policy attached in the account and each inline policy: service-wide wildcards on
 * sensitive services, NotAction allows, and the actions it allows on every resource without a condition, by risk
 * (credentials exposure, data exfiltration, resource exposure, infrastructure modification).
 */
final class PolicyChecks {
    private static final int LISTED = 25;

    private final ActionRisks risks;

    PolicyChecks(ActionRisks risks) {
        this.risks = risks;
    }

    void run(AccountModel model, List<Violation> out) {
        Set<String> attached = new HashSet<>();
        for (AwsPrincipal p : model.account().principals().values()) {
            attached.addAll(p.managedPolicies());
            for (InlinePolicy inline : p.inlinePolicies()) {
                check(p.arn() + "#inline/" + inline.name(), "iam_inline_policy",
                        AccountModel.parseOrEmpty(inline.document()), out);
            }
        }
        for (ManagedPolicy policy : model.account().policies().values()) {
            if (!policy.awsManaged() && attached.contains(policy.arn())) {
                check(policy.arn(), "iam_policy", model.managedPolicies().get(policy.arn()), out);
            }
        }
    }

    /** The checks of one policy document, as findings on {@code resource}. */
    void check(String resource, String type, PolicyDocument doc, List<Violation> out) {
        Set<String> wildcards = new TreeSet<>();
        List<String> notActions = new ArrayList<>();
        Set<String> credentials = new TreeSet<>();
        Set<String> data = new TreeSet<>();
        Set<String> exposure = new TreeSet<>();
        Set<String> modification = new TreeSet<>();
        for (Statement s : doc.statements()) {
            if (!s.allow()) {
                continue;
            }
            if (s.notAction()) {
                notActions.add("NotAction " + s.actions() + " on " + (s.resources() == null
                        ? "every resource"
                        : (s.notResource() ? "every resource but " : "") + s.resources()));
                continue;
            }
            if (s.conditional() || !s.onEveryResource()) {
                continue;
            }
            for (String action : s.actions()) {
                String service = ActionRisks.service(action);
                if (action.equals("*") || action.equals("*:*")
                        || (action.endsWith(":*") && risks.sensitiveServices().contains(service))) {
                    wildcards.add(action);
                }
                classify(action, credentials, data, exposure, modification);
            }
        }
        if (!wildcards.isEmpty()) {
            out.add(new Violation("iam-policy-service-wildcard", resource, type,
                    "allows " + String.join(", ", wildcards) + " on every resource", null));
        }
        if (!notActions.isEmpty()) {
            out.add(new Violation("iam-policy-notaction-allow", resource, type,
                    "allows " + String.join("; ", notActions), null));
        }
        add(out, "iam-policy-credentials-exposure", resource, type, credentials);
        add(out, "iam-policy-data-exfiltration", resource, type, data);
        add(out, "iam-policy-resource-exposure", resource, type, exposure);
        add(out, "iam-policy-infrastructure-modification", resource, type, modification);
    }

    private void classify(String action, Set<String> credentials, Set<String> data, Set<String> exposure,
            Set<String> modification) {
        boolean pattern = Glob.isPattern(action);
        boolean listed = false;
        for (var list : List.of(risks.credentialsExposure(), risks.dataExfiltration(), risks.resourceExposure())) {
            Set<String> into = list == risks.credentialsExposure()
                    ? credentials
                    : list == risks.dataExfiltration() ? data : exposure;
            for (String risky : list) {
                if (Glob.matches(action, risky, true)) {
                    into.add(risky);
                    listed |= !pattern;
                }
            }
        }
        if (listed) {
            return;
        }
        // a pattern names whatever actions it matches: it changes infrastructure unless its verb part only reads
        String name = action.indexOf(':') < 0 ? action : action.substring(action.indexOf(':') + 1);
        boolean readsOnly = pattern ? !name.startsWith("*") && risks.reads(action) : risks.reads(action);
        if (!readsOnly) {
            modification.add(action);
        }
    }

    private static void add(List<Violation> out, String check, String resource, String type, Set<String> actions) {
        if (actions.isEmpty()) {
            return;
        }
        List<String> shown = actions.stream().limit(LISTED).toList();
        String more = actions.size() > LISTED ? " and " + (actions.size() - LISTED) + " more" : "";
        out.add(new Violation(check, resource, type,
                "on every resource: " + String.join(", ", shown) + more, null));
    }
}
