package io.pillar.identity.checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.policy.Decision;
import io.pillar.identity.policy.Permissions;
import io.pillar.identity.policy.Statement;

/**
 * Full administrators, and every path of the privilege-escalation catalogue, for each user and role: the principal
 * itself or any role it reaches by assuming roles (up to {@link #MAX_HOPS} hops) holds every permission the path
 * requires. {@code sts:AssumeRole} is met by a role actually assumable (alone, it is an escalation when the chain
 * ends at an administrator); {@code iam:PassRole} by a role the actor may pass that trusts the path's service. Paths
 * that need a resource the export cannot show (an existing function, stack or instance) are conditional.
 */
final class PrivilegeEscalation {
    static final int MAX_HOPS = 5;

    private final List<PrivescPath> catalogue;
    private final ActionRisks risks;
    private final Map<String, List<AwsPrincipal>> passableBy = new HashMap<>();
    private final Map<String, Set<String>> servicesTrusted = new HashMap<>();

    PrivilegeEscalation(List<PrivescPath> catalogue, ActionRisks risks) {
        this.catalogue = catalogue;
        this.risks = risks;
    }

    /** A principal reached by a chain of role assumptions from the starting one. */
    private record Reach(AwsPrincipal actor, List<String> chain, boolean conditional) {
    }

    /** What an actor can do of a path: whether only conditionally, and the role it would pass. */
    private record Held(boolean conditional, String target, boolean targetAdmin) {
    }

    void run(AccountModel model, List<Violation> out) {
        Map<String, Optional<Held>> memo = new HashMap<>();
        for (AwsPrincipal p : model.actors()) {
            if (model.isAdmin(p.arn())) {
                Decision d = model.permissions(p.arn()).decide(AccountModel.PROBE_ACTION, null);
                out.add(new Violation("iam-full-admin", p.arn(), "iam_" + p.kind(), "every action on every resource, "
                        + "granted by " + String.join("; ", d.allowedBy().stream()
                                .map(g -> g.source().describe()).distinct().toList()),
                        null));
                continue;
            }
            List<Reach> reach = reach(model, p);
            for (PrivescPath path : catalogue) {
                boolean assumeOnly = path.required().stream().allMatch(r -> isAssumeRole(r.action()));
                if (assumeOnly) {
                    reach.stream().filter(r -> r.chain().size() > 1 && model.isAdmin(r.actor().arn())).findFirst()
                            .ifPresent(admin -> out.add(violation(p, path, admin,
                                    new Held(admin.conditional(), admin.actor().arn(), true))));
                    continue;
                }
                for (Reach r : reach) {
                    Optional<Held> held = memo.computeIfAbsent(r.actor().arn() + " " + path.id(),
                            k -> Optional.ofNullable(holds(model, r.actor(), path)));
                    if (held.isPresent()) {
                        out.add(violation(p, path, r, held.get()));
                        break;
                    }
                }
            }
        }
    }

    private static boolean isAssumeRole(String action) {
        return action.equalsIgnoreCase("sts:AssumeRole");
    }

    /** Whether the actor holds every permission of the path, and how. */
    private Held holds(AccountModel model, AwsPrincipal actor, PrivescPath path) {
        Permissions perms = model.permissions(actor.arn());
        boolean conditional = false;
        String target = null;
        boolean targetAdmin = false;
        for (PrivescPath.Permission need : path.required()) {
            if (isAssumeRole(need.action())) {
                List<AccountModel.Assumption> roles = model.assumableBy(actor);
                if (roles.isEmpty()) {
                    return null;
                }
                conditional |= roles.stream().allMatch(AccountModel.Assumption::conditional);
                continue;
            }
            if (need.action().equalsIgnoreCase("iam:PassRole")) {
                AwsPrincipal role = passable(model, actor, path);
                if (role == null) {
                    return null;
                }
                target = role.arn();
                targetAdmin = model.isAdmin(role.arn());
                continue;
            }
            Decision d = perms.decide(need.action(), null);
            if (!d.permits()) {
                return null;
            }
            conditional |= d.outcome() == Decision.Outcome.CONDITIONAL;
        }
        return new Held(conditional, target, targetAdmin);
    }

    private static Violation violation(AwsPrincipal start, PrivescPath path, Reach r, Held held) {
        boolean unseen = path.category().equals("existing-passrole") || path.category().equals("credential-access")
                || (path.category().equals("new-passrole") && held.target() == null);
        boolean conditional = held.conditional() || r.conditional();
        String severity = conditional || unseen
                ? "medium"
                : held.targetAdmin() || path.category().equals("self-escalation")
                        || path.category().equals("principal-access") ? "critical" : "high";
        StringBuilder detail = new StringBuilder(path.name()).append(" (").append(path.category()).append(")");
        if (r.chain().size() > 1) {
            detail.append(" through the role chain ").append(String.join(" -> ", r.chain()));
        }
        if (held.target() != null) {
            detail.append(held.targetAdmin() ? "; reaches administrator role " : "; passing role ")
                    .append(held.target());
        }
        if (unseen) {
            String need = path.required().get(path.required().size() - 1).resourceConstraints();
            detail.append("; conditional: needs an existing resource the export cannot show")
                    .append(need == null ? "" : " (" + need + ")");
        } else if (conditional) {
            detail.append("; conditional: some permissions or assumptions hold only under conditions");
        }
        return new Violation(path.checkId(), start.arn(), "iam_" + start.kind(), detail.toString(), severity);
    }

    /** A role the actor may pass that trusts one of the path's services, administrators first. */
    private AwsPrincipal passable(AccountModel model, AwsPrincipal actor, PrivescPath path) {
        AwsPrincipal found = null;
        for (AwsPrincipal role : passableBy.computeIfAbsent(actor.arn(), k -> passableRoles(model, actor))) {
            if (!trustsService(model, role, path)) {
                continue;
            }
            if (model.isAdmin(role.arn())) {
                return role;
            }
            if (found == null) {
                found = role;
            }
        }
        return found;
    }

    /** The roles with a trust policy that the actor may pass (worked out once per actor). */
    private static List<AwsPrincipal> passableRoles(AccountModel model, AwsPrincipal actor) {
        Permissions perms = model.permissions(actor.arn());
        if (!perms.decide("iam:PassRole", null).permits()) {
            return List.of();
        }
        List<AwsPrincipal> out = new ArrayList<>();
        for (AwsPrincipal role : model.account().principals().values()) {
            if (model.trustPolicy(role.arn()) != null && perms.decide("iam:PassRole", role.arn()).permits()) {
                out.add(role);
            }
        }
        return out;
    }

    private boolean trustsService(AccountModel model, AwsPrincipal role, PrivescPath path) {
        Set<String> trusted = servicesTrusted.computeIfAbsent(role.arn(), k -> {
            Set<String> services = new HashSet<>();
            for (Statement s : model.trustPolicy(role.arn()).statements()) {
                if (s.allow()) {
                    services.addAll(s.principals().getOrDefault("Service", List.of()));
                }
            }
            return services;
        });
        for (String service : path.services()) {
            if (service.equals("iam") || service.equals("sts")) {
                continue;
            }
            for (String principal : risks.servicePrincipals(service)) {
                if (trusted.contains(principal)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The principal itself, then every role it reaches, breadth first (shortest chains first). */
    private static List<Reach> reach(AccountModel model, AwsPrincipal start) {
        Map<String, Reach> seen = new LinkedHashMap<>();
        Deque<Reach> queue = new ArrayDeque<>();
        Reach first = new Reach(start, List.of(start.arn()), false);
        seen.put(start.arn(), first);
        queue.add(first);
        while (!queue.isEmpty()) {
            Reach r = queue.poll();
            if (r.chain().size() > MAX_HOPS) {
                continue;
            }
            for (AccountModel.Assumption a : model.assumableBy(r.actor())) {
                if (seen.containsKey(a.role().arn())) {
                    continue;
                }
                List<String> chain = new ArrayList<>(r.chain());
                chain.add(a.role().arn());
                Reach next = new Reach(a.role(), List.copyOf(chain), r.conditional() || a.conditional());
                seen.put(a.role().arn(), next);
                queue.add(next);
            }
        }
        return List.copyOf(seen.values());
    }
}
