package io.pillar.identity.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A principal's identity policies (its own, its groups') and permissions boundary, evaluated as IAM evaluates a
 * request within one account: an explicit deny wins, then an allow is needed, and a boundary must allow too.
 * {@code NotAction} and {@code NotResource} are honoured; a statement with a condition makes the answer conditional
 * rather than being dropped or trusted. Policy variables in resources ({@code ${aws:username}}) take the principal's
 * values; any other variable matches anything, conditionally. Resource and session policies, SCPs and the service
 * limits of a resource-based policy are outside what an export shows.
 */
public final class Permissions {
    private static final int MAX_CACHED_ACTIONS = 4_096;
    private static final Decision NOTHING_ALLOWS = Decision.notAllowed("no statement allows it");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final List<Grant> grants;
    private final List<Grant> boundary;
    private final Map<String, String> variables;
    /** Per action, the statements that cover it: most principals are asked about the same actions many times. */
    private final Map<String, Permissions> byAction;

    /**
     * @param boundary the boundary's statements, null when the principal has none
     * @param variables policy variables known for the principal ({@code aws:username}, {@code aws:userid})
     */
    public Permissions(List<Grant> grants, List<Grant> boundary, Map<String, String> variables) {
        this.grants = List.copyOf(grants);
        this.boundary = boundary == null ? null : List.copyOf(boundary);
        this.variables = Map.copyOf(variables);
        this.byAction = new ConcurrentHashMap<>();
    }

    /** The statements covering one action: no cache of its own. */
    private Permissions(Permissions of, String action) {
        this.grants = of.grants.stream().filter(g -> g.statement().coversAction(action)).toList();
        this.boundary = of.boundary == null
                ? null
                : of.boundary.stream().filter(g -> g.statement().coversAction(action)).toList();
        this.variables = of.variables;
        this.byAction = null;
    }

    public List<Grant> grants() {
        return grants;
    }

    public boolean hasBoundary() {
        return boundary != null;
    }

    /**
     * The decision for an action on a resource, or on some resource when {@code resource} is null (then only denies
     * on every resource count, and the answer says whether the allow covers every resource).
     */
    public Decision decide(String action, String resource) {
        if (byAction != null) {
            return narrowed(action).decide(action, resource);
        }
        if (grants.isEmpty()) {
            return NOTHING_ALLOWS;
        }
        Decision identity = decide(grants, action, resource);
        if (boundary == null || !identity.permits()) {
            return identity;
        }
        Decision bounded = decide(boundary, action, resource);
        if (!bounded.permits()) {
            return Decision.notAllowed(bounded.outcome() == Decision.Outcome.DENIED
                    ? "denied by the permissions boundary"
                    : "not allowed by the permissions boundary");
        }
        boolean conditional = identity.outcome() == Decision.Outcome.CONDITIONAL
                || bounded.outcome() == Decision.Outcome.CONDITIONAL;
        return new Decision(conditional ? Decision.Outcome.CONDITIONAL : Decision.Outcome.ALLOWED,
                identity.everyResource() && bounded.everyResource(), identity.allowedBy(), identity.deniedBy(),
                conditional ? "allowed under conditions" : "allowed");
    }

    /**
     * Whether the decision for the action is the same on every resource: each statement covering it names every
     * resource ({@code "*"}) or none. Then one decision serves for all (a role graph asks about every role).
     */
    public boolean sameOnEveryResource(String action) {
        Permissions narrowed = byAction == null ? this : narrowed(action);
        return narrowed.grants.stream().allMatch(g -> resourceFree(g.statement()))
                && (narrowed.boundary == null || narrowed.boundary.stream().allMatch(g -> resourceFree(g.statement())));
    }

    private static boolean resourceFree(Statement s) {
        return s.resources() == null || s.resources().equals(List.of("*"));
    }

    private Permissions narrowed(String action) {
        return byAction.size() < MAX_CACHED_ACTIONS
                ? byAction.computeIfAbsent(action, a -> new Permissions(this, a))
                : byAction.getOrDefault(action, new Permissions(this, action));
    }

    private Decision decide(List<Grant> from, String action, String resource) {
        List<Grant> allows = new ArrayList<>();
        List<Grant> denies = new ArrayList<>();
        boolean unconditionalAllow = false;
        boolean unconditionalDeny = false;
        boolean everyResource = false;
        for (Grant g : from) {
            Statement s = g.statement();
            if (!s.coversAction(action)) {
                continue;
            }
            Match m = resource == null ? someResource(s) : resource(s, resource);
            if (m == Match.NO) {
                continue;
            }
            boolean certain = m == Match.YES && !s.conditional();
            if (s.allow()) {
                allows.add(g);
                unconditionalAllow |= certain;
                everyResource |= !s.conditional() && s.onEveryResource();
            } else {
                denies.add(g);
                unconditionalDeny |= certain;
            }
        }
        if (unconditionalDeny) {
            return new Decision(Decision.Outcome.DENIED, false, allows, denies, "explicitly denied");
        }
        if (allows.isEmpty()) {
            return Decision.notAllowed("no statement allows it");
        }
        if (unconditionalAllow && denies.isEmpty()) {
            return new Decision(Decision.Outcome.ALLOWED, everyResource, allows, denies, "allowed");
        }
        return new Decision(Decision.Outcome.CONDITIONAL, false, allows, denies,
                denies.isEmpty() ? "allowed under conditions" : "allowed unless a conditional deny applies");
    }

    private enum Match {
        YES, CONDITIONAL, NO
    }

    /** On some resource: an allow on any resource counts; a deny counts only when it covers every resource. */
    private static Match someResource(Statement s) {
        if (s.allow()) {
            return s.notResource() && s.resources().contains("*") ? Match.NO : Match.YES;
        }
        return s.onEveryResource() ? Match.YES : Match.NO;
    }

    private Match resource(Statement s, String resource) {
        if (s.resources() == null) {
            return Match.YES;
        }
        Match found = Match.NO;
        for (String pattern : s.resources()) {
            Match m = matches(pattern, resource);
            if (m == Match.YES) {
                found = Match.YES;
                break;
            }
            if (m == Match.CONDITIONAL) {
                found = Match.CONDITIONAL;
            }
        }
        if (!s.notResource()) {
            return found;
        }
        return found == Match.YES ? Match.NO : found == Match.CONDITIONAL ? Match.CONDITIONAL : Match.YES;
    }

    private Match matches(String pattern, String resource) {
        if (pattern.indexOf("${") < 0) {
            return Glob.matches(pattern, resource, false) ? Match.YES : Match.NO;
        }
        boolean unknown = false;
        StringBuilder resolved = new StringBuilder();
        Matcher m = VARIABLE.matcher(pattern);
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "*" -> "*";
                case "?" -> "?";
                case "$" -> "$";
                default -> variables.get(name);
            };
            if (value == null) {
                unknown = true;
                value = "*";
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        boolean hit = Glob.matches(resolved.toString(), resource, false);
        return !hit ? Match.NO : unknown ? Match.CONDITIONAL : Match.YES;
    }
}
