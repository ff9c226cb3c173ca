package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    private final Map<AwsPrincipal, List<Assumption>> assumable = new IdentityHashMap<>();
    private final Map<List<String>, List<Assumption>> sameAssumptions = new HashMap<>();
    private final Map<String, Boolean> admins = new HashMap<>();
    private List<Trust> trusts;

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
     * own policies allow {@code sts:AssumeRole} on the role; an explicit deny of its own stops either. Principals
     * that can assume the same roles the same way get the same list object, so a walk can tell it has seen them.
     */
    public List<Assumption> assumableBy(AwsPrincipal from) {
        return assumable.computeIfAbsent(from, k -> {
            List<Assumption> list = assumptions(from);
            List<String> key = list.stream().map(a -> (a.conditional() ? "?" : "") + a.role().arn()).toList();
            return sameAssumptions.computeIfAbsent(key, x -> List.copyOf(list));
        });
    }

    /**
     * Whom a role's trust policy lets assume it, worked out once per role: anyone, the account (then the caller's own
     * policies must allow it too) or named principals; each with whether only under conditions (several statements:
     * conditional only if all are).
     */
    private record Trust(AwsPrincipal role, Boolean anyone, Boolean viaAccount, Map<String, Boolean> named) {
    }

    private List<Trust> trusts() {
        if (trusts == null) {
            List<Trust> out = new ArrayList<>();
            String root = "arn:aws:iam::" + account.id() + ":root";
            for (AwsPrincipal role : account.principals().values()) {
                PolicyDocument t = trust.get(role.arn());
                if (!AwsPrincipal.ROLE.equals(role.kind()) || t == null) {
                    continue;
                }
                Boolean anyone = null;
                Boolean viaAccount = null;
                Map<String, Boolean> named = new HashMap<>();
                for (Statement s : t.statements()) {
                    if (!s.allow() || s.notPrincipal() || !s.coversAction("sts:AssumeRole")) {
                        continue;
                    }
                    boolean c = s.conditional();
                    for (String who : s.principals().getOrDefault("AWS",
                            s.principals().getOrDefault("*", List.of()))) {
                        if (who.equals("*")) {
                            anyone = and(anyone, c);
                        } else if (who.equals(account.id()) || who.equals(root)) {
                            viaAccount = and(viaAccount, c);
                        } else {
                            named.merge(who, c, Boolean::logicalAnd);
                        }
                    }
                }
                if (anyone != null || viaAccount != null || !named.isEmpty()) {
                    out.add(new Trust(role, anyone, viaAccount, named));
                }
            }
            trusts = out;
        }
        return trusts;
    }

    private static Boolean and(Boolean sofar, boolean conditional) {
        return sofar == null ? conditional : sofar && conditional;
    }

    private List<Assumption> assumptions(AwsPrincipal from) {
        List<Assumption> out = new ArrayList<>();
        Permissions own = permissions.get(from.arn());
        // most principals' sts:AssumeRole statements name every resource or none: one decision for every role
        Decision onEveryRole = own.sameOnEveryResource("sts:AssumeRole") ? own.decide("sts:AssumeRole", "*") : null;
        for (Trust t : trusts()) {
            Boolean direct = t.named().get(from.arn());
            if (t.role().arn().equals(from.arn()) || (t.anyone() == null && t.viaAccount() == null && direct == null)) {
                continue;
            }
            Decision identity = onEveryRole != null ? onEveryRole : own.decide("sts:AssumeRole", t.role().arn());
            if (identity.outcome() == Decision.Outcome.DENIED) {
                continue;
            }
            Boolean conditional = null;
            if (t.anyone() != null) {
                conditional = t.anyone();
            }
            if (direct != null) {
                conditional = and(conditional, direct);
            }
            if (t.viaAccount() != null && identity.permits()) {
                conditional = and(conditional,
                        t.viaAccount() || identity.outcome() == Decision.Outcome.CONDITIONAL);
            }
            if (conditional != null) {
                out.add(new Assumption(t.role(), conditional));
            }
        }
        return out;
    }
}
