package io.pillar.findings.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.contracts.Roles;
import io.pillar.findings.Finding;
import io.pillar.findings.SuppressionRule;
import io.pillar.findings.mapping.SuppressionCriteria;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.FindingRow;
import io.pillar.findings.repository.SuppressionRuleRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

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
            Instant expiresAt, String createdBy, Instant createdAt, boolean enabled) {

        public boolean matches(FindingRow f) {
            return criteria.matches(f.product(), f.ruleUid(), f.severityId(), f.resourcesJson(),
                    f.vulnerabilitiesJson(), f.team());
        }

        public String actor() {
            return "rule:" + id;
        }

        public String statusReason() {
            return "suppression rule '" + name + "': " + reason;
        }

        static Rule of(SuppressionRule r) {
            return new Rule(r.id, r.name, SuppressionCriteria.of(r.criteria), r.status, r.reason, r.expiresAt,
                    r.createdBy, r.createdAt, r.enabled);
        }
    }

    public record Created(Rule rule, int applied) {
    }

    public Created create(String name, SuppressionCriteria criteria, String status, String reason, Instant expiresAt,
            SecurityIdentity caller) {
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
        boolean everyTeam = caller.hasRole(Roles.ADMIN);
        if (!everyTeam && (criteria.team() == null || !Teams.of(caller).contains(criteria.team()))) {
            throw new ForbiddenException("only admins may write rules for every team: set criteria.team to one of "
                    + "your teams");
        }
        Instant now = Instant.now();
        Rule rule = new Rule(UUID.randomUUID(), name.trim(), criteria, status, reason.trim(), expiresAt,
                caller.getPrincipal().getName(), now, true);
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
            rules.persist(stored);
            return applyToOpen(rule, now);
        });
        return new Created(rule, applied);
    }

    public List<Rule> list() {
        return QuarkusTransaction.requiringNew().call(() -> rules.newestFirst().stream().map(Rule::of).toList());
    }

    public List<Rule> active(Instant now) {
        return rules.active(now).stream().map(Rule::of).toList();
    }

    public boolean disable(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> rules.disable(id));
    }

    private int applyToOpen(Rule rule, Instant now) {
        SuppressionCriteria c = rule.criteria();
        List<Finding> candidates = findings.candidatesLocked(c, OPEN, APPLY_LIMIT);
        int applied = 0;
        for (Finding f : candidates) {
            if (c.matches(f.product, f.ruleUid, f.severityId, f.resources, f.vulnerabilities, f.team)) {
                workflow.apply(f, rule.status(), rule.statusReason(), rule.expiresAt(), rule.actor(), now);
                applied++;
            }
        }
        return applied;
    }
}
