package io.pillar.findings.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.findings.mapping.FindingFilter;
import io.pillar.findings.mapping.FindingMapper;
import io.pillar.findings.mapping.FindingView;
import io.pillar.findings.repository.FindingRepository;
import io.quarkus.security.identity.SecurityIdentity;

@ApplicationScoped
public class FindingQueries {
    private static final Set<String> SEE_ALL_TEAMS = Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION);

    @Inject
    FindingRepository findings;

    /** One page of the findings the caller may see: their teams' only, unless admin, auditor or an integration. */
    @Transactional
    public Page<FindingView> list(SecurityIdentity caller, FindingFilter filter, String cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        Set<String> teams = SEE_ALL_TEAMS.stream().anyMatch(caller::hasRole) ? null : Teams.of(caller);
        FindingFilter scoped = new FindingFilter(filter.severityIds(), filter.statuses(), filter.product(),
                filter.team(), filter.importId(), filter.cve(), filter.control(), filter.bestPractice(),
                filter.asset(), filter.text(), filter.since(), filter.until(), teams);
        return Page.of(findings.page(scoped, after, size + 1), size, FindingMapper::toView, FindingMapper::cursorOf);
    }
}
