package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    /** Paths whose only requirement is assuming roles: an escalation when a chain ends at an administrator. */
    private final boolean[] assumeOnly;
    private final Map<String, Map<String, AwsPrincipal>> passableBy = new HashMap<>();
    private List<ServiceRole> serviceRoles;

    PrivilegeEscalation(List<PrivescPath> catalogue, ActionRisks risks) {
        this.catalogue = catalogue;
        this.risks = risks;
        this.assumeOnly = new boolean[catalogue.size()];
        for (int i = 0; i < catalogue.size(); i++) {
            assumeOnly[i] = catalogue.get(i).required().stream().allMatch(r -> isAssumeRole(r.action()));
        }
    }

    /**
     * A principal reached by a chain of role assumptions ({@code from}: the step before). A walk shared by every
     * principal that can assume the same roles starts from a root without an actor, which stands for whichever of
     * them the chain is spelled out for.
     */
    private record Reach(AwsPrincipal actor, Reach from, int hops, boolean conditional) {

        List<String> chain(AwsPrincipal start) {
            List<String> out = new ArrayList<>();
            for (Reach r = this; r != null; r = r.from()) {
                out.add(0, r.actor() == null ? start.arn() : r.actor().arn());
            }
            return out;
        }
    }

    /** What an actor can do of a path: whether only conditionally, and the role it would pass. */
    private record Held(boolean conditional, String target, boolean targetAdmin) {
    }

    /** The paths (by catalogue index) an actor holds by itself, and how: worked out once per actor. */
    private record Holdings(int[] paths, Held[] held) {
    }

    /**
     * What the roles a principal can assume lead to: for each path, the first holder breadth first (the shortest
     * chain) and how it holds it; and the first administrator reached.
     */
    private record Beyond(Reach[] first, Held[] held, Reach admin) {
    }

    void run(AccountModel model, List<Violation> out) {
        Map<AwsPrincipal, Holdings> holdings = new IdentityHashMap<>();
        // principals that can assume the same roles share one walk (AccountModel hands them the same list)
        Map<List<AccountModel.Assumption>, Beyond> beyond = new IdentityHashMap<>();
        for (AwsPrincipal p : model.actors()) {
            if (model.isAdmin(p.arn())) {
                Decision d = model.permissions(p.arn()).decide(AccountModel.PROBE_ACTION, null);
                out.add(new Violation("iam-full-admin", p.arn(), "iam_" + p.kind(), "every action on every resource, "
                        + "granted by " + String.join("; ", d.allowedBy().stream()
                                .map(g -> g.source().describe()).distinct().toList()),
                        null));
                continue;
            }
            Reach self = new Reach(p, null, 0, false);
            Holdings own = holdings.computeIfAbsent(p, k -> holdings(model, k));
            Beyond b = beyond.computeIfAbsent(model.assumableBy(p), roles -> walk(model, roles, holdings));
            Violation[] found = new Violation[catalogue.size()];
            for (int i = 0; i < own.paths().length; i++) {
                found[own.paths()[i]] = violation(p, catalogue.get(own.paths()[i]), self, own.held()[i]);
            }
            for (int i = 0; i < found.length; i++) {
                if (assumeOnly[i] && b.admin() != null) {
                    out.add(violation(p, catalogue.get(i), b.admin(),
                            new Held(b.admin().conditional(), b.admin().actor().arn(), true)));
                } else if (found[i] != null) {
                    out.add(found[i]);
                } else if (b.first()[i] != null) {
                    out.add(violation(p, catalogue.get(i), b.first()[i], b.held()[i]));
                }
            }
        }
    }

    /**
     * Breadth first from the roles assumable at the first hop, up to {@link #MAX_HOPS}. A role whose own assumable
     * roles are those of one already walked from adds nothing (all it reaches is seen) and is not walked again.
     */
    private Beyond walk(AccountModel model, List<AccountModel.Assumption> start, Map<AwsPrincipal, Holdings> holdings) {
        Reach root = new Reach(null, null, 0, false);
        Set<AwsPrincipal> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<List<AccountModel.Assumption>> walked = Collections.newSetFromMap(new IdentityHashMap<>());
        walked.add(start);
        List<Reach> order = new ArrayList<>();
        for (AccountModel.Assumption a : start) {
            if (seen.add(a.role())) {
                order.add(new Reach(a.role(), root, 1, a.conditional()));
            }
        }
        Reach[] first = new Reach[catalogue.size()];
        Held[] held = new Held[catalogue.size()];
        Reach admin = null;
        for (int i = 0; i < order.size(); i++) {
            Reach r = order.get(i);
            if (admin == null && model.isAdmin(r.actor().arn())) {
                admin = r;
            }
            Holdings h = holdings.computeIfAbsent(r.actor(), k -> holdings(model, k));
            for (int k = 0; k < h.paths().length; k++) {
                if (first[h.paths()[k]] == null) {
                    first[h.paths()[k]] = r;
                    held[h.paths()[k]] = h.held()[k];
                }
            }
            List<AccountModel.Assumption> next = model.assumableBy(r.actor());
            if (r.hops() >= MAX_HOPS || !walked.add(next)) {
                continue;
            }
            for (AccountModel.Assumption a : next) {
                if (seen.add(a.role())) {
                    order.add(new Reach(a.role(), r, r.hops() + 1, r.conditional() || a.conditional()));
                }
            }
        }
        return new Beyond(first, held, admin);
    }

    private Holdings holdings(AccountModel model, AwsPrincipal actor) {
        List<Integer> paths = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (int i = 0; i < catalogue.size(); i++) {
            Held h = assumeOnly[i] ? null : holds(model, actor, catalogue.get(i));
            if (h != null) {
                paths.add(i);
                held.add(h);
            }
        }
        return new Holdings(paths.stream().mapToInt(Integer::intValue).toArray(), held.toArray(Held[]::new));
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
        if (r.hops() > 0) {
            detail.append(" through the role chain ").append(String.join(" -> ", r.chain(start)));
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
        Map<String, AwsPrincipal> byService = passableBy.computeIfAbsent(actor.arn(),
                k -> passableRoles(model, actor));
        AwsPrincipal found = null;
        for (String service : path.services()) {
            if (service.equals("iam") || service.equals("sts")) {
                continue;
            }
            for (String principal : risks.servicePrincipals(service)) {
                AwsPrincipal role = byService.get(principal);
                if (role != null && model.isAdmin(role.arn())) {
                    return role;
                }
                if (found == null) {
                    found = role;
                }
            }
        }
        return found;
    }

    /**
     * The roles the actor may pass, by the service principal their trust policy names: an administrator role where
     * there is one, else the first (worked out once per actor).
     */
    private Map<String, AwsPrincipal> passableRoles(AccountModel model, AwsPrincipal actor) {
        Permissions perms = model.permissions(actor.arn());
        if (!perms.decide("iam:PassRole", null).permits()) {
            return Map.of();
        }
        Map<String, AwsPrincipal> out = new HashMap<>();
        for (ServiceRole role : serviceRoles(model)) {
            if (!perms.decide("iam:PassRole", role.role().arn()).permits()) {
                continue;
            }
            for (String service : role.services()) {
                AwsPrincipal before = out.get(service);
                if (before == null || (role.admin() && !model.isAdmin(before.arn()))) {
                    out.put(service, role.role());
                }
            }
        }
        return out;
    }

    /** A role that a service may assume: the service principals its trust policy names. */
    private record ServiceRole(AwsPrincipal role, Set<String> services, boolean admin) {
    }

    private List<ServiceRole> serviceRoles(AccountModel model) {
        if (serviceRoles == null) {
            serviceRoles = new ArrayList<>();
            for (AwsPrincipal role : model.account().principals().values()) {
                if (model.trustPolicy(role.arn()) == null) {
                    continue;
                }
                Set<String> services = new HashSet<>();
                for (Statement s : model.trustPolicy(role.arn()).statements()) {
                    if (s.allow()) {
                        services.addAll(s.principals().getOrDefault("Service", List.of()));
                    }
                }
                if (!services.isEmpty()) {
                    serviceRoles.add(new ServiceRole(role, services, model.isAdmin(role.arn())));
                }
            }
        }
        return serviceRoles;
    }
}
