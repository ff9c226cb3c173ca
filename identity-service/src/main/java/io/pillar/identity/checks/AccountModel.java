package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.AwsPrincipal.InlinePolicy;
import io.pillar.identity.policy.Decision;
import io.pillar.identity.policy.Grant;
import io.pillar.identity.policy.Permissions;
import io.pillar.identity.policy.PolicyDocument;
import io.pillar.identity.policy.PolicyException;
import io.pillar.identity.policy.PolicySource;
import io.pillar.identity.policy.Statement;

/**
 * One account ready for analysis: every principal's permissions (its own policies and its groups', a boundary where
 * set), the managed policies attached but missing from the export, and which roles each principal can assume.
 */
public final class AccountModel {
    /** An action of no AWS service: only {@code *} or a NotAction allow grants it. */
    static final String PROBE_ACTION = "pillar-probe:AnyActionOfAnyService";

    private final AwsAccount account;
    private final Map<String, PolicyDocument> managed = new LinkedHashMap<>();
    private final Map<String, Permissions> permissions = new LinkedHashMap<>();
    private final Map<String, List<String>> unknownPolicies = new LinkedHashMap<>();
    private final Map<String, PolicyDocument> trust = new LinkedHashMap<>();
    private final Map<String, List<Assumption>> assumable = new HashMap<>();
    private final Map<String, Boolean> admins = new HashMap<>();

    public AccountModel(AwsAccount account, ActionRisks risks) {
        this.account = account;
        risks.awsManagedPolicies().forEach((arn, doc) -> managed.put(arn, parseOrEmpty(doc)));
        account.policies().forEach((arn, p) -> managed.put(arn, parseOrEmpty(p.document())));
        Map<String, AwsPrincipal> groups = new LinkedHashMap<>();
        for (AwsPrincipal p : account.principals().values()) {
            if (AwsPrincipal.GROUP.equals(p.kind())) {
                groups.put(p.name(), p);
            }
            if (p.trustPolicy() != null) {
                trust.put(p.arn(), parseOrEmpty(p.trustPolicy()));
            }
        }
        for (AwsPrincipal p : account.principals().values()) {
            List<Grant> grants = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            addPolicies(p, null, grants, unknown);
            for (String g : p.groups()) {
                AwsPrincipal group = groups.get(g);
                if (group != null) {
                    addPolicies(group, "group " + g, grants, unknown);
                }
            }
            List<Grant> boundary = null;
            if (p.permissionsBoundary() != null) {
                boundary = new ArrayList<>();
                PolicyDocument doc = managed.get(p.permissionsBoundary());
                if (doc == null) {
                    unknown.add(p.permissionsBoundary());
                } else {
                    PolicySource source = new PolicySource("boundary", p.permissionsBoundary(),
                            p.permissionsBoundary(), null);
                    for (Statement s : doc.statements()) {
                        boundary.add(new Grant(s, source));
                    }
                }
            }
            Map<String, String> variables = new LinkedHashMap<>();
            if (AwsPrincipal.USER.equals(p.kind())) {
                variables.put("aws:username", p.name());
            }
            if (p.id() != null) {
                variables.put("aws:userid", p.id());
            }
            variables.put("aws:PrincipalAccount", account.id());
            permissions.put(p.arn(), new Permissions(grants, boundary, variables));
            if (!unknown.isEmpty()) {
                unknownPolicies.put(p.arn(), List.copyOf(unknown));
            }
        }
    }

    private void addPolicies(AwsPrincipal p, String via, List<Grant> grants, List<String> unknown) {
        for (InlinePolicy inline : p.inlinePolicies()) {
            PolicySource source = new PolicySource("inline", inline.name(), null, via);
            parseOrEmpty(inline.document()).statements().forEach(s -> grants.add(new Grant(s, source)));
        }
        for (String arn : p.managedPolicies()) {
            PolicyDocument doc = managed.get(arn);
            if (doc == null) {
                unknown.add(arn);
                continue;
            }
            PolicySource source = new PolicySource("managed", arn.substring(arn.lastIndexOf('/') + 1), arn, via);
            doc.statements().forEach(s -> grants.add(new Grant(s, source)));
        }
    }

    /** Documents were checked at import: one that still does not parse grants nothing. */
    static PolicyDocument parseOrEmpty(JsonNode doc) {
        try {
            return PolicyDocument.parse(doc);
        } catch (PolicyException e) {
            return PolicyDocument.EMPTY;
        }
    }

    public AwsAccount account() {
        return account;
    }

    public Permissions permissions(String arn) {
        return permissions.get(arn);
    }

    /** Managed policies (or a boundary) the principal has that the export did not include. */
    public List<String> unknownPolicies(String arn) {
        return unknownPolicies.getOrDefault(arn, List.of());
    }

    public Map<String, PolicyDocument> managedPolicies() {
        return managed;
    }

    public PolicyDocument trustPolicy(String roleArn) {
        return trust.get(roleArn);
    }

    /** Users and roles: the principals that act (groups only pass their policies on; root is not analysed). */
    public List<AwsPrincipal> actors() {
        return account.principals().values().stream()
                .filter(p -> AwsPrincipal.USER.equals(p.kind()) || AwsPrincipal.ROLE.equals(p.kind())).toList();
    }

    /** Full administrator: every action of every service on every resource, IAM's included, unconditionally. */
    public boolean isAdmin(String arn) {
        return admins.computeIfAbsent(arn, k -> {
            Permissions p = permissions.get(k);
            return p != null && everywhere(p, PROBE_ACTION) && everywhere(p, "iam:AttachRolePolicy")
                    && everywhere(p, "iam:PassRole");
        });
    }

    private static boolean everywhere(Permissions p, String action) {
        Decision d = p.decide(action, null);
        return d.outcome() == Decision.Outcome.ALLOWED && d.everyResource();
    }

    /** A role a principal can assume directly, and whether only under conditions. */
    public record Assumption(AwsPrincipal role, boolean conditional) {
    }

    /**
     * The roles this principal can assume: their trust policy names it (or anyone), or names its account and its
     * own policies allow {@code sts:AssumeRole} on the role; an explicit deny of its own stops either.
     */
    public List<Assumption> assumableBy(AwsPrincipal from) {
        return assumable.computeIfAbsent(from.arn(), k -> assumptions(from));
    }

    private List<Assumption> assumptions(AwsPrincipal from) {
        List<Assumption> out = new ArrayList<>();
        Permissions own = permissions.get(from.arn());
        for (AwsPrincipal role : account.principals().values()) {
            if (!AwsPrincipal.ROLE.equals(role.kind()) || role.arn().equals(from.arn())) {
                continue;
            }
            PolicyDocument t = trust.get(role.arn());
            if (t == null) {
                continue;
            }
            Decision identity = own.decide("sts:AssumeRole", role.arn());
            if (identity.outcome() == Decision.Outcome.DENIED) {
                continue;
            }
            Boolean conditional = null;
            for (Statement s : t.statements()) {
                if (!s.allow() || s.notPrincipal() || !s.coversAction("sts:AssumeRole")) {
                    continue;
                }
                for (String who : s.principals().getOrDefault("AWS", s.principals().getOrDefault("*", List.of()))) {
                    boolean direct = who.equals("*") || who.equals(from.arn());
                    boolean viaAccount = who.equals(account.id())
                            || who.equals("arn:aws:iam::" + account.id() + ":root");
                    if (direct || (viaAccount && identity.permits())) {
                        boolean c = s.conditional()
                                || (!direct && identity.outcome() == Decision.Outcome.CONDITIONAL);
                        conditional = conditional == null ? c : conditional && c;
                    }
                }
            }
            if (conditional != null) {
                out.add(new Assumption(role, conditional));
            }
        }
        return out;
    }
}
