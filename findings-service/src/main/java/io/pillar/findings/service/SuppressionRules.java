package io.pillar.findings.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.findings.Finding;
import io.pillar.findings.SuppressionRule;
import io.pillar.findings.mapping.SuppressionCriteria;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.FindingRow;
import io.pillar.findings.repository.SuppressionRuleRepository;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;

/**
 * Suppression rules: criteria, the status they set (suppressed with an expiry, or false_positive) and why. A new rule
 * applies at once to the open findings it matches (up to {@link #APPLY_LIMIT}), and on ingest to findings that are
 * new or come back. Changes are recorded as done by {@code rule:<id>}.
 */
@ApplicationScoped
public class SuppressionRules {
    public static final int APPLY_LIMIT = 10_000;
    private static final Set<String> STATUSES = Set.of("suppressed", "false_positive");
    private static final List<String> OPEN = List.of("new", "triaged", "in_progress");

    @Inject
    SuppressionRuleRepository rules;
    @Inject
    FindingRepository findings;
    @Inject
    FindingWorkflow workflow;

    public record Rule(UUID id, String name, SuppressionCriteria criteria, String status, String reason,
            Instant expiresAt, String createdBy, Instant createdAt, boolean enabled, boolean awaitingApproval,
            String approvedBy) {

        public boolean matches(FindingRow f) {
            return criteria.matches(f.product(), f.ruleUid(), f.severityId(), f.resourcesJson(),
                    f.vulnerabilitiesJson(), f.team());
        }

        /** The team whose findings it matches; null: every team's. */
        public String team() {
            return criteria.team();
        }

        public String actor() {
            return "rule:" + id;
        }

        public String statusReason() {
            return "suppression rule '" + name + "': " + reason;
        }

        static Rule of(SuppressionRule r) {
            return new Rule(r.id, r.name, SuppressionCriteria.of(r.criteria), r.status, r.reason, r.expiresAt,
                    r.createdBy, r.createdAt, r.enabled, r.awaitingApproval, r.approvedBy);
        }
    }

    public record Created(Rule rule, int applied) {
    }

    public Created create(String name, SuppressionCriteria criteria, String status, String reason, Instant expiresAt,
            Caller caller) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name is required (up to 200 characters)");
        }
        if (criteria == null) {
            throw new IllegalArgumentException("criteria is required");
        }
        criteria.validated();
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be suppressed or false_positive");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        if ("suppressed".equals(status) && (expiresAt == null || !expiresAt.isAfter(Instant.now()))) {
            throw new IllegalArgumentException("a suppressing rule needs expires_at in the future");
        }
        if (!caller.changes(criteria.team())) {
            throw new ForbiddenException(criteria.team() == null
                    ? "only admins may write rules for every team: set criteria.team to one of your teams"
                    : "only members of team " + criteria.team() + " may write its rules");
        }
        Instant now = Instant.now();
        boolean awaiting = workflow.needsApproval(status, expiresAt);
        Rule rule = new Rule(UUID.randomUUID(), name.trim(), criteria, status, reason.trim(), expiresAt,
                caller.name(), now, true, awaiting, null);
        int applied = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            SuppressionRule stored = new SuppressionRule();
            stored.id = rule.id();
            stored.name = rule.name();
            stored.criteria = criteria.json();
            stored.status = status;
            stored.reason = rule.reason();
            stored.expiresAt = expiresAt;
            stored.createdBy = rule.createdBy();
            stored.createdAt = now;
            stored.enabled = true;
            stored.awaitingApproval = awaiting;
            rules.persist(stored);
            return awaiting ? 0 : applyToOpen(rule, now);
        });
        return new Created(rule, applied);
    }

    /** The rules of the caller's teams and those for every team (which apply to the caller's findings too). */
    public List<Rule> list(Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> rules.newestFirst().stream().map(Rule::of)
                .filter(r -> r.team() == null || caller.reads(r.team())).toList());
    }

    public List<Rule> active(Instant now) {
        return rules.active(now).stream().map(Rule::of).toList();
    }

    /** Disables a rule the caller may change; false when there is no such enabled rule the caller may see. */
    public boolean disable(UUID id, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<SuppressionRule> found = lockedVisible(id, caller);
            found.ifPresent(r -> {
                requireMayChange(r, caller, "disable");
                r.enabled = false;
            });
            return found.isPresent();
        });
    }

    /**
     * Approves a rule waiting for a second person, who must not be its author and must be allowed to write it; it
     * applies at once to the open findings it matches.
     *
     * @return empty when there is no such rule the caller may see
     */
    public Optional<Created> approve(UUID id, Caller caller) {
        return QuarkusTransaction.requiringNew().timeout(600).call(() -> lockedVisible(id, caller).map(stored -> {
            if (!stored.awaitingApproval) {
                throw new WorkflowConflict("the rule is not waiting for an approval");
            }
            requireMayChange(stored, caller, "approve");
            if (caller.name().equals(stored.createdBy)) {
                throw new ForbiddenException("the approver must be someone other than the rule's author ("
                        + stored.createdBy + ")");
            }
            Instant now = Instant.now();
            stored.awaitingApproval = false;
            stored.approvedBy = caller.name();
            stored.approvedAt = now;
            Rule rule = Rule.of(stored);
            return new Created(rule, applyToOpen(rule, now));
        }));
    }

    /** The enabled rule, locked until the transaction ends, if it is for every team or for a team the caller reads. */
    private Optional<SuppressionRule> lockedVisible(UUID id, Caller caller) {
        return rules.locked(id).filter(r -> {
            String team = SuppressionCriteria.of(r.criteria).team();
            return r.enabled && (team == null || caller.reads(team));
        });
    }

    /** Rules for every team are for those who act for every team (admins); a team's rules are its members'. */
    private static void requireMayChange(SuppressionRule r, Caller caller, String verb) {
        String team = SuppressionCriteria.of(r.criteria).team();
        if (!caller.changes(team)) {
            throw new ForbiddenException("only " + (team == null ? "admins" : "members of team " + team) + " may "
                    + verb + " this rule");
        }
    }

    private int applyToOpen(Rule rule, Instant now) {
        SuppressionCriteria c = rule.criteria();
        List<Finding> candidates = findings.candidatesLocked(c, OPEN, APPLY_LIMIT);
        int applied = 0;
        for (Finding f : candidates) {
            if (c.matches(f.product, f.ruleUid, f.severityId, f.resources, f.vulnerabilities, f.team)) {
                workflow.apply(f, rule.status(), rule.statusReason(), rule.expiresAt(), rule.actor(), null, now);
                applied++;
            }
        }
        return applied;
    }
}
